/**
 * Pyrogram session strings (pyrogram/storage/storage.py), urlsafe base64 without padding of:
 *   current, 271 bytes, '>BI?256sQ?': dc_id | api_id (uint32) | test_mode | auth_key | user_id (uint64) | is_bot
 *   older, 267 bytes, '>B?256sQ?' and 263 bytes, '>B?256sI?': the same without api_id (user_id 64 or 32 bits)
 * Pyrogram keeps no address: it derives it from dc_id and test_mode.
 */
import { decodeBase64, encodeBase64 } from './base64.js';
import { checkPortable, SessionStringError, type PortableSession } from './portable-session.js';

const fail = (message: string): SessionStringError => new SessionStringError('pyrogram', message);

/** Exports `session` in Pyrogram's current format; it needs `userId` and `apiId`. */
export function toPyrogramSession(session: PortableSession): string {
  checkPortable('pyrogram', session);
  const { userId, apiId } = session;
  if (userId === undefined || userId < 0n || userId >= 1n << 64n) throw fail('needs the user id (uint64)');
  if (apiId === undefined || !Number.isInteger(apiId) || apiId < 0 || apiId > 0xffffffff)
    throw fail('needs the api_id');
  const out = new Uint8Array(271);
  const view = new DataView(out.buffer);
  view.setUint8(0, session.dcId);
  view.setUint32(1, apiId);
  view.setUint8(5, session.testMode ? 1 : 0);
  out.set(session.authKey, 6);
  view.setBigUint64(262, userId);
  view.setUint8(270, session.isBot ? 1 : 0);
  return encodeBase64(out, { url: true, pad: false });
}

/** Imports a Pyrogram session string in the current or either older format. */
export function fromPyrogramSession(text: string): PortableSession {
  const data = decodeBase64(text);
  if (data === undefined) throw fail('not base64');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const flag = (at: number): boolean => {
    const b = view.getUint8(at);
    if (b > 1) throw fail(`byte ${at} is not a bool`);
    return b === 1;
  };
  if (data.length === 271) {
    return {
      dcId: view.getUint8(0),
      apiId: view.getUint32(1),
      testMode: flag(5),
      authKey: data.slice(6, 262),
      userId: view.getBigUint64(262),
      isBot: flag(270),
    };
  }
  if (data.length === 267 || data.length === 263) {
    const wide = data.length === 267;
    return {
      dcId: view.getUint8(0),
      testMode: flag(1),
      authKey: data.slice(2, 258),
      userId: wide ? view.getBigUint64(258) : BigInt(view.getUint32(258)),
      isBot: flag(wide ? 266 : 262),
    };
  }
  throw fail(`unexpected length ${data.length} (expected 271, 267 or 263 bytes)`);
}
