/**
 * PFS binding request (core.telegram.org/method/auth.bindTempAuthKey, MTProto 1.0 inner message core.telegram.org/mtproto/description_v1):
 * `auth.bindTempAuthKey#cdd42a05 perm_auth_key_id:long nonce:long expires_at:int encrypted_message:bytes = Bool;`
 * `bind_auth_key_inner#75a3f765 nonce:long temp_auth_key_id:long perm_auth_key_id:long temp_session_id:long expires_at:int`
 *
 * Pure: the caller allocates the msg_id and session_id that will carry the outer request, because
 * the server checks that the inner message repeats both (a re-send under a new msg_id needs a new
 * bind message, which is why this is a function of `msgId` rather than a value built once).
 */
import {
  aesKeyIvV1,
  authKeyId,
  concatBytes,
  msgKeyV1,
  pureCrypto,
  type CryptoProvider,
  type Random,
} from '../../crypto/index.js';
import { serializeObject, type TlMethodOf } from '../../tl/index.js';

/** What one bind needs; `perm` and `temp` are 256-byte auth keys. */
export interface BindTempKeyInput {
  perm: Uint8Array;
  temp: Uint8Array;
  /** Random 64-bit value shared by the outer request and the inner message. */
  nonce: bigint;
  /** Unix seconds the binding lasts until (the temp key's expiry). */
  expiresAt: number;
  /** The session_id of the message that carries the request. */
  tempSessionId: bigint;
  /** The msg_id of the message that carries the request. */
  msgId: bigint;
}

const le64 = (v: bigint): Uint8Array => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, v), true);
  return b;
};
const le32 = (v: number): Uint8Array => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v >>> 0, true);
  return b;
};

/** An auth key id (wire order) as the unsigned TL `long` it is sent as. */
export function authKeyIdLong(key: Uint8Array, crypto: CryptoProvider = pureCrypto): bigint {
  const id = authKeyId(key, crypto);
  return new DataView(id.buffer, id.byteOffset, 8).getBigUint64(0, true);
}

/**
 * Builds `auth.bindTempAuthKey` for `input`: the 40-byte `bind_auth_key_inner` in an MTProto 1.0
 * message (random(16) | msg_id | seqno 0 | length 40 | inner), encrypted with the permanent key, x = 0.
 */
export function buildBindTempAuthKey(
  input: BindTempKeyInput,
  random: Random,
  crypto: CryptoProvider = pureCrypto,
): TlMethodOf<'auth.bindTempAuthKey'> {
  const permId = authKeyIdLong(input.perm, crypto);
  const inner = serializeObject({
    _: 'bind_auth_key_inner',
    nonce: input.nonce,
    tempAuthKeyId: authKeyIdLong(input.temp, crypto),
    permAuthKeyId: permId,
    tempSessionId: input.tempSessionId,
    expiresAt: input.expiresAt,
  });
  // random(16) replaces salt + session_id of a normal 1.0 message (core.telegram.org/method/auth.bindTempAuthKey step 3).
  const plaintext = concatBytes(random.bytes(16), le64(input.msgId), le32(0), le32(inner.length), inner);
  // msg_key hashes the plaintext without padding (MTProto 1.0, core.telegram.org/mtproto/description_v1).
  const msgKey = msgKeyV1(plaintext, crypto);
  const padded = concatBytes(plaintext, random.bytes((16 - (plaintext.length % 16)) % 16));
  const { key, iv } = aesKeyIvV1(input.perm, msgKey, 'client', crypto);
  const encryptedMessage = concatBytes(le64(permId), msgKey, crypto.aesIgeEncrypt(padded, key, iv));
  return {
    _: 'auth.bindTempAuthKey',
    permAuthKeyId: permId,
    nonce: input.nonce,
    expiresAt: input.expiresAt,
    encryptedMessage,
  };
}
