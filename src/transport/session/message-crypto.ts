/**
 * MTProto 2.0 message encryption and decryption (core.telegram.org/mtproto/descriptioncore.telegram.org/mtproto/security_guidelines), both directions.
 *
 *   payload   = auth_key_id (8) | msg_key (16) | AES-256-IGE(plaintext)
 *   plaintext = salt (8) | session_id (8) | msg_id (8) | seq_no (4) | length (4) | data | padding 12..1024
 *
 * Decryption runs every check of core.telegram.org/mtproto/security_guidelines items 8–9 and reports a single failure shape: the caller drops
 * the message and reacts identically whatever failed (no padding or length oracle). The reason is
 * kept only for local metrics. The msg_key comparison always runs, even after an earlier failure.
 */
import { authKeyId, equalBytes, msgKeyV2, aesKeyIvV2 } from '../../crypto/index.js';
import type { CryptoProvider, Random, Side } from '../../crypto/index.js';
import { readInt, readLong, writeInt, writeLong } from './wire.js';

/** An auth key with its id precomputed (the id is SHA-1 based and costs a hash per message otherwise). */
export interface SessionKey {
  readonly key: Uint8Array;
  /** auth_key_id in wire order (8 bytes). */
  readonly id: Uint8Array;
}

/** Builds a `SessionKey` from a 256-byte auth key. */
export function sessionKey(key: Uint8Array, crypto?: CryptoProvider): SessionKey {
  return { key, id: authKeyId(key, crypto) };
}

/** The plaintext fields of one encrypted message. */
export interface MessagePlaintext {
  salt: bigint;
  sessionId: bigint;
  msgId: bigint;
  seqNo: number;
  /** One boxed TL object (an RPC, a service message, a container...). */
  body: Uint8Array;
}

/** Why a message was dropped. Local diagnostics only: never sent, never changes the reaction. */
export type DropReason =
  | 'length'
  | 'authKeyId'
  | 'msgKey'
  | 'dataLength'
  | 'padding'
  | 'sessionId'
  | 'msgIdParity'
  | 'msgIdDuplicate'
  | 'msgIdTooLow'
  | 'msgIdTime'
  | 'container'
  | 'unsolicited'
  | 'decode';

export type DecryptResult = { ok: true; message: MessagePlaintext } | { ok: false; reason: DropReason };

/** Padding sizes allowed by core.telegram.org/mtproto/description. */
export const MIN_PADDING = 12;
export const MAX_PADDING = 1024;

/**
 * Encrypts one message. `side` is the sender. Padding is `minimum + 16 * k` random bytes with k drawn
 * from `random` (0..3) unless `paddingBytes` is given (tests use it to reproduce vectors byte-exactly).
 */
export function encryptMessage(
  key: SessionKey,
  side: Side,
  msg: MessagePlaintext,
  random: Random,
  crypto: CryptoProvider,
  paddingBytes?: Uint8Array,
): Uint8Array {
  const len = 32 + msg.body.length;
  let padding = paddingBytes;
  if (!padding) {
    const minimum = ((16 - ((len + MIN_PADDING) % 16)) % 16) + MIN_PADDING;
    const extra = (random.bytes(1)[0]! & 3) * 16;
    padding = random.bytes(minimum + extra);
  }
  const plain = new Uint8Array(len + padding.length);
  writeLong(plain, 0, msg.salt);
  writeLong(plain, 8, msg.sessionId);
  writeLong(plain, 16, msg.msgId);
  writeInt(plain, 24, msg.seqNo);
  writeInt(plain, 28, msg.body.length);
  plain.set(msg.body, 32);
  plain.set(padding, len);
  const msgKey = msgKeyV2(key.key, plain, side, crypto);
  const { key: aesKey, iv } = aesKeyIvV2(key.key, msgKey, side, crypto);
  const out = new Uint8Array(24 + plain.length);
  out.set(key.id, 0);
  out.set(msgKey, 8);
  out.set(crypto.aesIgeEncrypt(plain, aesKey, iv), 24);
  return out;
}

/**
 * Decrypts a message sent by `sender` and runs the checks of core.telegram.org/mtproto/security_guidelines steps 1–5 (core.telegram.org/mtproto/security_guidelines items 8–9).
 * Session id and msg_id checks need session state and are done by the caller.
 */
export function decryptMessage(
  key: SessionKey,
  sender: Side,
  payload: Uint8Array,
  crypto: CryptoProvider,
): DecryptResult {
  if (payload.length < 24 + 32 + MIN_PADDING) return { ok: false, reason: 'length' };
  if (!equalBytes(payload.subarray(0, 8), key.id)) return { ok: false, reason: 'authKeyId' };
  // core.telegram.org/mtproto/security_guidelines step 2: ignore trailing bytes that do not fill an AES block.
  const encrypted = payload.subarray(24, payload.length - ((payload.length - 24) & 15));
  const msgKey = payload.subarray(8, 24);
  const { key: aesKey, iv } = aesKeyIvV2(key.key, msgKey, sender, crypto);
  const plain = crypto.aesIgeDecrypt(encrypted, aesKey, iv);

  let reason: DropReason | undefined;
  const dataLength = readInt(plain, 28);
  const paddingLength = plain.length - 32 - dataLength;
  // A body is at least one constructor id; anything shorter cannot be a message.
  if (dataLength < 4 || dataLength % 4 !== 0 || dataLength > plain.length - 32) reason = 'dataLength';
  else if (paddingLength < MIN_PADDING || paddingLength > MAX_PADDING) reason = 'padding';
  // Always computed, whatever failed above, so every failure costs the same work (core.telegram.org/mtproto/security_guidelines item 8).
  const expected = msgKeyV2(key.key, plain, sender, crypto);
  if (!equalBytes(expected, msgKey)) reason = 'msgKey';
  if (reason) return { ok: false, reason };

  return {
    ok: true,
    message: {
      salt: readLong(plain, 0),
      sessionId: readLong(plain, 8),
      msgId: readLong(plain, 16),
      seqNo: readInt(plain, 24),
      body: plain.subarray(32, 32 + dataLength),
    },
  };
}
