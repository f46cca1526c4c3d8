/**
 * PFS temp keys (core.telegram.org/method/auth.bindTempAuthKey, core.telegram.org/api/pfs, core.telegram.org/mtproto/description_v1):
 * `auth.bindTempAuthKey#cdd42a05 perm_auth_key_id:long nonce:long expires_at:int encrypted_message:bytes = Bool;`
 * `bind_auth_key_inner#75a3f765 nonce:long temp_auth_key_id:long perm_auth_key_id:long temp_session_id:long expires_at:int`
 * `auth.dropTempAuthKeys#8e48a188 except_auth_keys:Vector<long> = Bool;`
 * The inner message is checked with the permanent key under MTProto 1.0 rules (core.telegram.org/method/auth.bindTempAuthKey simulator checks).
 */
import { aesIgeDecrypt, aesKeyIvV1, equalBytes, msgKeyV1 } from '../../crypto/index.js';
import { u64 } from '../state/auth-keys.js';
import { fail } from '../errors.js';
import { bytes, int, long, requireUser, type Call, type MethodResult, type TlValue } from './context.js';

const BIND_INNER_ID = 0x75a3f765;

/** Little-endian unsigned 64-bit at `offset`. */
const readU64 = (b: Uint8Array, offset: number): bigint => new DataView(b.buffer, b.byteOffset + offset, 8).getBigUint64(0, true);
const readU32 = (b: Uint8Array, offset: number): number => new DataView(b.buffer, b.byteOffset + offset, 4).getUint32(0, true);

export function bindTempAuthKey(req: TlValue, call: Call): MethodResult {
  const { state, key, ctx } = call;
  if (key.kind !== 'temp') throw fail(400, 'TEMP_AUTH_KEY_EMPTY');
  const permId = u64(long(req, 'permAuthKeyId'));
  const perm = state.keys.get(permId);
  if (!perm || perm.kind !== 'perm' || perm.dcId !== ctx.dcId) throw fail(400, 'ENCRYPTED_MESSAGE_INVALID');
  if (key.boundPermId !== undefined && key.boundPermId !== permId) throw fail(400, 'TEMP_AUTH_KEY_ALREADY_BOUND');
  const inner = decryptInner(bytes(req, 'encryptedMessage'), perm.key, permId);
  const ok =
    inner !== undefined &&
    readU64(inner, 16) === u64(ctx.msgId) &&
    readU32(inner, 24) === 0 &&
    readU32(inner, 28) === 40 &&
    readU32(inner, 32) === BIND_INNER_ID &&
    readU64(inner, 36) === u64(long(req, 'nonce')) &&
    readU64(inner, 44) === key.id &&
    readU64(inner, 52) === permId &&
    readU64(inner, 60) === u64(ctx.sessionId) &&
    readU32(inner, 68) === int(req, 'expiresAt') >>> 0;
  if (!ok) throw fail(400, 'ENCRYPTED_MESSAGE_INVALID');
  // One temp key per permanent key (core.telegram.org/api/pfs): a new bind replaces the old one.
  if (perm.boundTempId !== undefined && perm.boundTempId !== key.id) {
    const old = state.keys.get(perm.boundTempId);
    if (old) {
      old.formerPermId = old.boundPermId;
      old.boundPermId = undefined;
    }
  }
  perm.boundTempId = key.id;
  key.boundPermId = permId;
  return true;
}

/** perm_auth_key_id(8) | msg_key(16) | AES-IGE(v1) ciphertext; returns the 72 checked plaintext bytes. */
function decryptInner(enc: Uint8Array, permKey: Uint8Array, permId: bigint): Uint8Array | undefined {
  if (enc.length < 24 + 80 || (enc.length - 24) % 16 !== 0 || readU64(enc, 0) !== permId) return undefined;
  const msgKey = enc.subarray(8, 24);
  const { key, iv } = aesKeyIvV1(permKey, msgKey, 'client');
  const plain = aesIgeDecrypt(enc.subarray(24), key, iv).subarray(0, 72);
  // MTProto 1.0: msg_key = SHA1(plaintext without padding)[4:20] (core.telegram.org/mtproto/description_v1).
  return equalBytes(msgKeyV1(plain), msgKey) ? plain : undefined;
}

export function dropTempAuthKeys(req: TlValue, call: Call): MethodResult {
  const { state, perm } = call;
  requireUser(call);
  const keep = new Set((Array.isArray(req.exceptAuthKeys) ? (req.exceptAuthKeys as bigint[]) : []).map(u64));
  // Every temp key of this permanent key goes: the bound one and the ones a newer bind replaced.
  for (const temp of state.keys.list()) {
    if (temp.kind !== 'temp' || keep.has(temp.id)) continue;
    if (temp.boundPermId === perm.id || temp.formerPermId === perm.id) state.keys.remove(temp.id);
  }
  return true;
}
