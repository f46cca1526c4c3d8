/**
 * `tgauth session export|import`: moves the session a `--session` file holds (the engine's
 * encoding, src/machines/session/session.ts) to and from the session strings of GramJS (and of
 * teleproto, its fork, which kept the format), Telethon, Pyrogram and mtcute
 * (src/adapters/session-strings). Export takes the home DC's auth key and user from the file and the
 * DC's address from the DC list, which must be named: `--sim-config <file>` (the JSON line `tgauth
 * sim` prints) or `--dc production|test` (never a silent default: a simulator session pointed at
 * Telegram's production address would just fail later).
 */
import { readFile } from 'node:fs/promises';
import { TgauthError } from '../../crypto/index.js';
import {
  decodeSession,
  encodeSession,
  type DcSelection,
} from '../../machines/index.js';
import * as strings from '../session-strings/index.js';
import { fileStore } from '../store/index.js';
import { CliUsageError, readJsonOption } from './cli-errors.js';
import type { CliOptions } from './cli-options.js';

/** The string formats `--format` takes: teleproto, GramJS's maintained fork, keeps GramJS's StringSession. */
type CliFormat = strings.SessionStringFormat | 'teleproto';

const FORMATS: Record<
  CliFormat,
  {
    to: (s: strings.PortableSession) => string;
    from: (text: string) => strings.PortableSession;
  }
> = {
  gramjs: { to: strings.toGramjsSession, from: strings.fromGramjsSession },
  teleproto: { to: strings.toGramjsSession, from: strings.fromGramjsSession },
  telethon: { to: strings.toTelethonSession, from: strings.fromTelethonSession },
  pyrogram: { to: strings.toPyrogramSession, from: strings.fromPyrogramSession },
  mtcute: { to: strings.toMtcuteSession, from: strings.fromMtcuteSession },
};

/** A `session` command that cannot run as asked (bad format, no session, no key). */
export class SessionCommandError extends TgauthError {}

function formatOf(options: CliOptions): CliFormat {
  const f = options.format;
  if (f === undefined || !(f in FORMATS)) {
    throw new SessionCommandError(`--format must be one of ${Object.keys(FORMATS).join(', ')}`);
  }
  return f as CliFormat;
}

async function dcSelection(options: CliOptions): Promise<DcSelection> {
  if (options.simConfig) return (await readJsonOption('--sim-config', options.simConfig, (p) => readFile(p, 'utf8'))) as DcSelection;
  if (options.dc === 'test' || options.dc === 'production') return options.dc;
  throw new CliUsageError(
    'session export needs the DC addresses: --sim-config <file> (the line `tgauth sim` printed) or --dc production|test',
  );
}

/** The string in `format`; GramJS's port limit explained with what to do about it. */
function exportAs(format: CliFormat, portable: strings.PortableSession): string {
  if ((format === 'gramjs' || format === 'teleproto') && portable.port !== undefined && portable.port > 0x7fff) {
    throw new CliUsageError(
      `GramJS stores the port as a signed 16-bit number, so port ${portable.port} cannot be exported; ` +
        'start the simulator on low ports (tgauth sim --port 20000) or use --format telethon|pyrogram|mtcute',
    );
  }
  return FORMATS[format].to(portable);
}

/** `session export` prints the string; `session import <string>` writes a new session file. */
export async function runSession(options: CliOptions): Promise<number> {
  const [action, text] = options.rest;
  if (!options.session) throw new SessionCommandError('--session <file> is required');
  const format = formatOf(options);
  if (action === 'export') {
    const dcs = await dcSelection(options);
    const store = fileStore(options.session, { lock: false });
    const bytes = await store.load();
    await store.close();
    if (!bytes) throw new SessionCommandError(`no session in ${options.session}`);
    const portable = strings.portableOf(decodeSession(bytes), dcs, options.apiId);
    process.stdout.write(`${exportAs(format, portable)}\n`);
    return 0;
  }
  if (action === 'import') {
    if (!text) throw new SessionCommandError('session import needs the session string');
    const data = strings.sessionOf(FORMATS[format].from(text.trim()));
    const store = fileStore(options.session);
    try {
      if (await store.load())
        throw new SessionCommandError(`${options.session} already holds a session; remove it first`);
      await store.save(encodeSession(data));
    } finally {
      await store.close();
    }
    const who = data.user
      ? `user ${data.user.id}`
      : 'no user id (this format carries none: log in again to see who)';
    process.stdout.write(`imported a ${format} session: DC ${data.homeDcId}, ${who}\n`);
    return 0;
  }
  throw new SessionCommandError(
    'usage: tgauth session export|import --session <file> --format <format> [string]',
  );
}
