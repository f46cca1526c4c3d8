/**
 * MTProto unencrypted messages (core.telegram.org/mtproto/transports, core.telegram.org/mtproto/description "Unencrypted Message"), used only by the key exchange:
 * `auth_key_id = 0 (8) | msg_id (8, LE) | message_data_length (4, LE) | message_data`.
 */
import { SecurityError } from '../../crypto/index.js';

/** Bytes before the body: auth_key_id, msg_id, length. */
export const PLAIN_HEADER_LENGTH = 20;

/** Most padding the padded intermediate transport appends to a payload (core.telegram.org/mtproto/mtproto-transports). */
const MAX_TRANSPORT_PADDING = 15;

/** A parsed unencrypted message. */
export interface PlainMessage {
  /** The message id (client ids are divisible by 4, server ids are ≡ 1 mod 4). */
  readonly msgId: bigint;
  /** The TL body (a boxed object). */
  readonly body: Uint8Array;
}

/** Builds `0 | msg_id | len | body`. */
export function wrapPlainMessage(msgId: bigint, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(PLAIN_HEADER_LENGTH + body.length);
  const view = new DataView(out.buffer);
  view.setBigUint64(8, BigInt.asUintN(64, msgId), true);
  view.setUint32(16, body.length, true);
  out.set(body, PLAIN_HEADER_LENGTH);
  return out;
}

/** True when `payload` starts with a zero auth_key_id, i.e. it is a handshake message (core.telegram.org/mtproto/transports dispatch). */
export function isPlainMessage(payload: Uint8Array): boolean {
  if (payload.length < 8) return false;
  for (let i = 0; i < 8; i++) if (payload[i] !== 0) return false;
  return true;
}

/**
 * Parses an unencrypted message. Throws `SecurityError` ('plain.authKeyId', 'plain.length') when
 * the payload is not one: we never read past the buffer, and accept at most 15 trailing bytes
 * (transport padding) beyond message_data_length.
 */
export function unwrapPlainMessage(payload: Uint8Array): PlainMessage {
  if (payload.length < PLAIN_HEADER_LENGTH) throw new SecurityError('plain.length', 'unencrypted message shorter than its header');
  if (!isPlainMessage(payload)) throw new SecurityError('plain.authKeyId', 'unencrypted message with a non-zero auth_key_id');
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const msgId = view.getBigInt64(8, true);
  const length = view.getUint32(16, true);
  // Up to 15 trailing bytes are the padded intermediate transport's padding (core.telegram.org/mtproto/mtproto-transports): the envelope
  // cannot tell them apart, so message_data_length is what delimits the message.
  const trailing = payload.length - PLAIN_HEADER_LENGTH - length;
  if (trailing < 0 || trailing > MAX_TRANSPORT_PADDING || length % 4 !== 0) {
    throw new SecurityError('plain.length', 'unencrypted message length field does not match the payload');
  }
  return { msgId, body: payload.slice(PLAIN_HEADER_LENGTH, PLAIN_HEADER_LENGTH + length) };
}
