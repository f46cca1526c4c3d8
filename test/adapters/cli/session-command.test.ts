/**
 * `tgauth session export|import` in process: a session file (the engine's encoding) exported in
 * every format and imported back keeps the home DC, the auth key and (where the format has one)
 * the user; the address comes from the DC list asked for.
 */
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { decodeSession, encodeSession, type SessionData } from '../../../src/machines/index.js';
import {
  fromGramjsSession,
  fromMtcuteSession,
  type SessionStringFormat,
} from '../../../src/adapters/session-strings/index.js';
import type { CliOptions } from '../../../src/adapters/cli/cli-options.js';
import { runSession, SessionCommandError } from '../../../src/adapters/cli/session-command.js';
import { CliUsageError } from '../../../src/adapters/cli/cli-errors.js';
import { fixedRandom } from '../../helpers/fixed-random.js';

const dir = mkdtempSync(join(tmpdir(), 'tgauth-session-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const key = fixedRandom('session-command').bytes(256);
const data: SessionData = {
  homeDcId: 2,
  user: { id: '777000123', firstName: 'Ann', premium: false, bot: false },
  futureAuthTokens: [],
  authKeys: { 2: { key, serverSalt: 42n }, 4: { key: fixedRandom('dc4').bytes(256), serverSalt: 1n } },
};
let n = 0;
const sessionFile = (d?: SessionData): string => {
  const path = join(dir, `s${n++}.json`);
  if (d) writeFileSync(path, encodeSession(d));
  return path;
};

/** Runs a `session` command and returns what it printed. */
async function run(options: Partial<CliOptions> & { rest: string[] }): Promise<string> {
  let printed = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed += String(chunk);
    return true;
  });
  const code = await runSession({ host: '127.0.0.1', dcs: 5, ...options });
  vi.restoreAllMocks();
  expect(code).toBe(0);
  return printed.trim();
}

describe('tgauth session export/import', () => {
  const withUser: SessionStringFormat[] = ['pyrogram', 'mtcute'];
  it.each(['gramjs', 'telethon', 'pyrogram', 'mtcute'] as const)(
    '%s: export then import keeps DC, key and user',
    async (format) => {
      const from = sessionFile(data);
      const text = await run({ rest: ['export'], session: from, format, apiId: 12345, dc: 'production' });
      expect(text.length).toBeGreaterThan(300);
      const to = sessionFile();
      await run({ rest: ['import', text], session: to, format });
      const back = decodeSession(new Uint8Array(readFileSync(to)));
      expect(back.homeDcId).toBe(2);
      expect(back.authKeys?.[2]?.key).toEqual(key);
      expect(back.user?.id).toBe(withUser.includes(format) ? '777000123' : undefined);
    },
  );

  it('takes the home DC address from the production table, or from --sim-config', async () => {
    const from = sessionFile(data);
    const prod = fromGramjsSession(await run({ rest: ['export'], session: from, format: 'gramjs', dc: 'production' }));
    expect([prod.host, prod.port]).toEqual(['149.154.167.51', 443]);
    const config = join(dir, 'sim.json');
    writeFileSync(
      config,
      JSON.stringify({
        dcs: [1, 2, 3].map((id) => ({ id, host: '127.0.0.1', tcpPort: 40000 + id, wsPort: 41000 + id })),
      }),
    );
    const sim = fromMtcuteSession(
      await run({ rest: ['export'], session: from, format: 'mtcute', simConfig: config }),
    );
    expect([sim.dcId, sim.host, sim.port]).toEqual([2, '127.0.0.1', 40002]);
  });

  it('refuses what it cannot do, with a clear error', async () => {
    const noKey = sessionFile({ homeDcId: 3, futureAuthTokens: [] });
    await expect(
      runSession({ host: '', dcs: 5, rest: ['export'], session: noKey, format: 'gramjs', dc: 'production' }),
    ).rejects.toThrow(/no auth key for its home DC 3/);
    await expect(
      runSession({ host: '', dcs: 5, rest: ['export'], session: noKey, format: 'tdata' }),
    ).rejects.toThrow(SessionCommandError);
    const existing = sessionFile(data);
    await expect(
      runSession({ host: '', dcs: 5, rest: ['import', 'x'], session: existing, format: 'gramjs' }),
    ).rejects.toThrow();
    const text = await run({ rest: ['export'], session: existing, format: 'telethon', dc: 'production' });
    await expect(
      runSession({ host: '', dcs: 5, rest: ['import', text], session: existing, format: 'telethon' }),
    ).rejects.toThrow(/already holds a session/);
  });

  it('never points a string at production silently: without --sim-config or --dc it refuses (issue 23)', async () => {
    const from = sessionFile(data);
    const exported = runSession({ host: '', dcs: 5, rest: ['export'], session: from, format: 'telethon' });
    await expect(exported).rejects.toThrow(CliUsageError);
    await expect(exported).rejects.toThrow(/--sim-config <file>.*or --dc production\|test/);
  });

  it('explains the GramJS port limit and what to do about it (issue 23)', async () => {
    const from = sessionFile(data);
    const config = join(dir, 'high.json');
    writeFileSync(config, JSON.stringify({ dcs: [{ id: 2, host: '127.0.0.1', tcpPort: 40002 }] }));
    const exported = runSession({ host: '', dcs: 5, rest: ['export'], session: from, format: 'gramjs', simConfig: config });
    await expect(exported).rejects.toThrow(CliUsageError);
    await expect(exported).rejects.toThrow(/signed 16-bit.*port 40002.*tgauth sim --port 20000/);
  });
});
