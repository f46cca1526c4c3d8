/**
 * mtcute string sessions, version 3 (@mtcute/core highlevel/utils/string-session.ts and
 * utils/dcs.ts), base64url without padding of a little-endian TL-style layout:
 *   version (uint8 = 3) | flags (int32: 1 = has self, 4 = has separate media DC) |
 *   bytes(main DC option) | [bytes(media DC option)] | [user_id (int64) | is_bot (Bool)] | bytes(auth_key)
 * where a DC option is: version (uint8 = 2) | dc_id (uint8) | flags (uint8: 1 = ipv6, 2 = media only,
 * 4 = test mode) | string(ip) | port (int32). `bytes`/`string` are TL-serialized (length prefix, padding).
 * Versions 1 and 2 (deprecated by mtcute, TL dcOption inside) are not read.
 */
import { TlReader, TlWriter } from '../../tl/index.js';
import { decodeBase64, encodeBase64 } from './base64.js';
import {
  checkPortable,
  requireAddress,
  SessionStringError,
  type PortableSession,
} from './portable-session.js';

const fail = (message: string, cause?: unknown): SessionStringError =>
  new SessionStringError('mtcute', message, cause === undefined ? undefined : { cause });

const BOOL_TRUE = 0x997275b5;
const BOOL_FALSE = 0xbc799737;
const HAS_SELF = 1;
const HAS_MEDIA = 4;

/** Exports `session` as an mtcute (v3) string session. */
export function toMtcuteSession(session: PortableSession): string {
  checkPortable('mtcute', session);
  const { host, port } = requireAddress('mtcute', session);
  const dcFlags = (host.includes(':') ? 1 : 0) | (session.testMode ? 4 : 0);
  const dc = new TlWriter()
    .raw(new Uint8Array([2, session.dcId, dcFlags]))
    .string(host)
    .int(port)
    .finish();
  const self = session.userId !== undefined;
  const w = new TlWriter()
    .raw(new Uint8Array([3]))
    .int(self ? HAS_SELF : 0)
    .tlBytes(dc);
  if (self) w.long(session.userId as bigint).int(session.isBot ? BOOL_TRUE : BOOL_FALSE);
  return encodeBase64(w.tlBytes(session.authKey).finish(), { url: true, pad: false });
}

function readDcOption(bytes: Uint8Array): { dcId: number; host: string; port: number; testMode: boolean } {
  const r = new TlReader(bytes);
  const [version, dcId = 0, flags = 0] = r.raw(3);
  if (version !== 1 && version !== 2) throw fail(`unknown DC option version ${version}`);
  const host = r.string();
  const port = r.int();
  return { dcId, host, port, testMode: version === 2 && (flags & 4) !== 0 };
}

/** Imports an mtcute (v3) string session. */
export function fromMtcuteSession(text: string): PortableSession {
  const data = decodeBase64(text);
  if (data === undefined || data.length < 5) throw fail('not base64 or too short');
  if (data[0] !== 3) throw fail(`unsupported version ${data[0]} (only version 3 is read)`);
  try {
    const r = new TlReader(data, 1);
    const flags = r.int();
    const main = readDcOption(r.tlBytes());
    if (flags & HAS_MEDIA) r.tlBytes(); // the media DC: tgauth does not use a separate one
    const session: PortableSession = {
      dcId: main.dcId,
      host: main.host,
      port: main.port,
      authKey: new Uint8Array(0),
    };
    if (main.testMode) session.testMode = true;
    if (flags & HAS_SELF) {
      session.userId = r.long();
      const bool = r.uint();
      if (bool !== BOOL_TRUE && bool !== BOOL_FALSE) throw fail('is_bot is not a Bool');
      session.isBot = bool === BOOL_TRUE;
    }
    session.authKey = r.tlBytes().slice();
    r.expectEnd();
    checkPortable('mtcute', session);
    return session;
  } catch (error) {
    if (error instanceof SessionStringError) throw error;
    throw fail('malformed', error);
  }
}
