/** The authorized session that session strings carry, and the error for strings we cannot read or write. */
import { TgauthError } from '../../crypto/index.js';

/** Which client library's session string. */
export type SessionStringFormat = 'gramjs' | 'telethon' | 'pyrogram' | 'mtcute';

/**
 * An authorized session in the shape every format can express: the home DC, where to reach it,
 * its 256-byte auth key, and who is logged in. Fields a format lacks are absent after import
 * (Pyrogram has no address; GramJS and Telethon have no user).
 */
export interface PortableSession {
  dcId: number;
  /** IP literal (v4 or v6) of the DC; GramJS also accepts a host name. */
  host?: string;
  port?: number;
  /** The permanent auth key, 256 bytes. */
  authKey: Uint8Array;
  userId?: bigint;
  isBot?: boolean;
  testMode?: boolean;
  /** The api_id the key was created with (Pyrogram stores it). */
  apiId?: number;
}

/** A session string is malformed, or a session lacks what a format needs. */
export class SessionStringError extends TgauthError {
  readonly format: SessionStringFormat;
  constructor(format: SessionStringFormat, message: string, options?: { cause?: unknown }) {
    super(`${format} session string: ${message}`, options);
    this.format = format;
  }
}

/** Checks the fields every format shares. */
export function checkPortable(format: SessionStringFormat, s: PortableSession): void {
  if (!Number.isInteger(s.dcId) || s.dcId < 1 || s.dcId > 255)
    throw new SessionStringError(format, `bad dc id ${s.dcId}`);
  if (s.authKey.length !== 256)
    throw new SessionStringError(format, `auth key must be 256 bytes, not ${s.authKey.length}`);
  if (s.port !== undefined && (!Number.isInteger(s.port) || s.port < 1 || s.port > 65535)) {
    throw new SessionStringError(format, `bad port ${s.port}`);
  }
}

/** The address, which GramJS and Telethon need. */
export function requireAddress(
  format: SessionStringFormat,
  s: PortableSession,
): { host: string; port: number } {
  if (s.host === undefined || s.port === undefined)
    throw new SessionStringError(format, 'the session needs host and port');
  return { host: s.host, port: s.port };
}
