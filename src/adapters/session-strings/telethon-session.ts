/**
 * Telethon `StringSession` (telethon/sessions/string.py): "1" + urlsafe base64 (padded) of
 * struct '>B{4|16}sH256s': dc_id (uint8) | packed IPv4 or IPv6 | port (uint16 BE) | auth_key (256).
 * Telethon tells the two address sizes apart by the decoded length (263 or 275 bytes).
 */
import { concatBytes } from '../../crypto/index.js';
import { decodeBase64, encodeBase64 } from './base64.js';
import { packIp, unpackIp } from './ip-address.js';
import {
  checkPortable,
  requireAddress,
  SessionStringError,
  type PortableSession,
} from './portable-session.js';

const fail = (message: string): SessionStringError => new SessionStringError('telethon', message);

/** Exports `session` as a Telethon StringSession string (the host must be an IP literal). */
export function toTelethonSession(session: PortableSession): string {
  checkPortable('telethon', session);
  const { host, port } = requireAddress('telethon', session);
  const ip = packIp(host);
  if (ip === undefined) throw fail(`host ${host} is not an IP address (Telethon stores packed IPs)`);
  const portBytes = new Uint8Array(2);
  new DataView(portBytes.buffer).setUint16(0, port);
  return (
    '1' +
    encodeBase64(concatBytes(new Uint8Array([session.dcId]), ip, portBytes, session.authKey), { url: true })
  );
}

/** Imports a Telethon StringSession string. */
export function fromTelethonSession(text: string): PortableSession {
  if (text[0] !== '1') throw fail('unknown version (expected a leading "1")');
  const data = decodeBase64(text.slice(1));
  const ipLength = data?.length === 263 ? 4 : data?.length === 275 ? 16 : undefined;
  if (data === undefined || ipLength === undefined) throw fail('not base64 of 263 or 275 bytes');
  return {
    dcId: data[0] as number,
    host: unpackIp(data.subarray(1, 1 + ipLength)),
    port: new DataView(data.buffer, data.byteOffset).getUint16(1 + ipLength),
    authKey: data.slice(3 + ipLength),
  };
}
