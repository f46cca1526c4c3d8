/**
 * GramJS `StringSession` (gramjs/sessions/StringSession.ts): "1" + standard base64 (padded) of
 *   dc_id (uint8) | address length (int16 BE) | address (UTF-8 text, e.g. "149.154.167.51") |
 *   port (int16 BE) | auth_key (256)
 * Unlike Telethon, GramJS stores the address as text, and its port as a *signed* 16-bit number,
 * so ports above 32767 cannot be represented (GramJS would read them back negative).
 */
import { concatBytes } from '../../crypto/index.js';
import { decodeBase64, encodeBase64 } from './base64.js';
import {
  checkPortable,
  requireAddress,
  SessionStringError,
  type PortableSession,
} from './portable-session.js';

const fail = (message: string): SessionStringError => new SessionStringError('gramjs', message);

/** Exports `session` as a GramJS StringSession string. */
export function toGramjsSession(session: PortableSession): string {
  checkPortable('gramjs', session);
  const { host, port } = requireAddress('gramjs', session);
  if (port > 0x7fff) throw fail(`port ${port} does not fit GramJS's signed 16-bit port field`);
  const address = new TextEncoder().encode(host);
  if (address.length > 0x7fff) throw fail('address too long');
  const head = new Uint8Array(3);
  const view = new DataView(head.buffer);
  view.setUint8(0, session.dcId);
  view.setInt16(1, address.length);
  const portBytes = new Uint8Array(2);
  new DataView(portBytes.buffer).setInt16(0, port);
  return '1' + encodeBase64(concatBytes(head, address, portBytes, session.authKey));
}

/** Imports a GramJS StringSession string. */
export function fromGramjsSession(text: string): PortableSession {
  if (text[0] !== '1') throw fail('unknown version (expected a leading "1")');
  const data = decodeBase64(text.slice(1));
  if (data === undefined || data.length < 3) throw fail('not base64 or too short');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const addressLength = view.getInt16(1);
  if (addressLength < 1 || data.length !== 3 + addressLength + 2 + 256) {
    throw fail('length does not match dc_id | address | port | 256-byte key');
  }
  const port = view.getInt16(3 + addressLength);
  if (port < 1) throw fail(`bad port ${port}`);
  return {
    dcId: view.getUint8(0),
    host: new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(3, 3 + addressLength)),
    port,
    authKey: data.slice(5 + addressLength),
  };
}
