/**
 * auth.bindTempAuthKey construction (core.telegram.org/method/auth.bindTempAuthKey, MTProto 1.0 core.telegram.org/mtproto/description_v1): the encrypted inner
 * message is opened here with the permanent key exactly as the server does and every field checked
 * against the construction's steps; a change of msg_id changes the message (a re-send needs a new one).
 */
import { describe, expect, it } from 'vitest';
import { aesIgeDecrypt, aesKeyIvV1, authKeyId, msgKeyV1 } from '../../src/crypto/index.js';
import { buildBindTempAuthKey, authKeyIdLong } from '../../src/machines/dc-key/bind-temp-key.js';
import { fixedRandom } from '../helpers/fixed-random.js';

const u64 = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset + at, 8).getBigUint64(0, true);
const u32 = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset + at, 4).getUint32(0, true);

describe('buildBindTempAuthKey', () => {
  const random = fixedRandom('bind');
  const perm = random.bytes(256);
  const temp = random.bytes(256);
  const input = {
    perm,
    temp,
    nonce: 0x1122334455667788n,
    expiresAt: 1_767_312_000,
    tempSessionId: 0xfedcba9876543210n,
    msgId: 0x6956b00000000004n,
  };

  it('encrypts bind_auth_key_inner with the permanent key (v1, x = 0) and repeats msg_id, session, nonce, expiry', () => {
    const req = buildBindTempAuthKey(input, fixedRandom('pad'));
    const permId = authKeyIdLong(perm);
    expect(req).toMatchObject({
      _: 'auth.bindTempAuthKey',
      permAuthKeyId: permId,
      nonce: input.nonce,
      expiresAt: input.expiresAt,
    });
    const enc = req.encryptedMessage;
    expect(enc.length).toBe(8 + 16 + 80);
    expect(u64(enc, 0)).toBe(permId);
    const msgKey = enc.subarray(8, 24);
    const { key, iv } = aesKeyIvV1(perm, msgKey, 'client');
    const plain = aesIgeDecrypt(enc.subarray(24), key, iv);
    // msg_key = SHA1(plaintext without padding)[4:20]: 72 bytes, not the padded 80.
    expect(msgKeyV1(plain.subarray(0, 72))).toEqual(msgKey);
    expect(u64(plain, 16)).toBe(input.msgId);
    expect(u32(plain, 24)).toBe(0);
    expect(u32(plain, 28)).toBe(40);
    expect(u32(plain, 32)).toBe(0x75a3f765);
    expect(u64(plain, 36)).toBe(input.nonce);
    expect(u64(plain, 44)).toBe(u64(authKeyId(temp), 0));
    expect(u64(plain, 52)).toBe(permId);
    expect(u64(plain, 60)).toBe(input.tempSessionId);
    expect(u32(plain, 68)).toBe(input.expiresAt);
  });

  it('a different msg_id gives a different message; the same inputs and random give the same bytes', () => {
    const a = buildBindTempAuthKey(input, fixedRandom('pad')).encryptedMessage;
    const b = buildBindTempAuthKey(
      { ...input, msgId: input.msgId + 4n },
      fixedRandom('pad'),
    ).encryptedMessage;
    expect(buildBindTempAuthKey(input, fixedRandom('pad')).encryptedMessage).toEqual(a);
    expect(b).not.toEqual(a);
  });
});
