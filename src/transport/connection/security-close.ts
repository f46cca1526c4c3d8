/** Which failed checks on a received packet close its connection (https://core.telegram.org/mtproto/security_guidelines). */
import type { DropReason } from '../session/message-crypto.js';

/**
 * Dropped without closing: closing would not help, or would loop. A message of another session of
 * our key is not an attack (it decrypted under our key): one the server still sends for a session we
 * replaced, or for another session of the key on this connection; closing lost the pushes that
 * followed it on this connection.
 */
const QUIET: ReadonlySet<DropReason> = new Set<DropReason>(['msgIdDuplicate', 'msgIdTooLow', 'sessionId', 'unsolicited', 'decode', 'container']);

/**
 * Whole-packet drops that close the connection: failed decryption, length, or msg_id parity/time
 * checks. A duplicate (a server re-sending what we had not acknowledged yet) or an id
 * below the window is dropped quietly: closing on it would loop, since the server sends it again.
 */
export function closesConnection(reason: DropReason | undefined): boolean {
  return reason !== undefined && !QUIET.has(reason);
}

