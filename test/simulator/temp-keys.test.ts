import { describe, expect, it } from 'vitest';
import { aesIgeEncrypt, aesKeyIvV1, concatBytes, msgKeyV1 } from '../../src/crypto/index.js';
import { TransportError } from '../../src/transport/index.js';
import { fixedRandom } from '../helpers/fixed-random.js';
import { harness, loginTestNumber, type Client } from './sim-harness.js';

const le64 = (v: bigint) => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, v), true);
  return b;
};
const le32 = (v: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v >>> 0, true);
  return b;
};

/** core.telegram.org/method/auth.bindTempAuthKey steps 1-6, client side. */
function bindRequest(perm: Client, temp: Client, msgId: bigint, expiresAt: number, tamper = false) {
  const random = fixedRandom('bind');
  const nonce = 0x1234n;
  const inner = concatBytes(le32(0x75a3f765), le64(nonce), le64(temp.keyId), le64(perm.keyId), le64(temp.sessionId), le32(expiresAt));
  const plain = concatBytes(random.bytes(16), le64(msgId), le32(0), le32(40), inner);
  const msgKey = msgKeyV1(plain);
  const { key, iv } = aesKeyIvV1(perm.key, msgKey, 'client');
  const cipher = aesIgeEncrypt(concatBytes(plain, random.bytes(8)), key, iv);
  if (tamper) cipher[0]! ^= 1;
  return { _: 'auth.bindTempAuthKey', permAuthKeyId: perm.keyId, nonce, expiresAt, encryptedMessage: concatBytes(le64(perm.keyId), msgKey, cipher) };
}

describe('simulator temp keys (handlers)', () => {
  it('binds a temp key checked with the permanent key (MTProto 1.0), then -404 after expiry', async () => {
    const h = harness();
    const perm = h.connect(2);
    await loginTestNumber(perm, '9996621234', '22222');
    const temp = h.connect(2, 'temp', 600);
    expect(await temp.error({ _: 'updates.getState' })).toBe('AUTH_KEY_PERM_EMPTY');
    expect(await temp.call({ _: 'help.getConfig' })).toMatchObject({ _: 'config', thisDc: 2 });
    expect(await perm.error(bindRequest(perm, temp, 1000n, 0))).toBe('TEMP_AUTH_KEY_EMPTY');
    const msgId = 0x65000000_00000004n;
    const expiresAt = h.state.clock.seconds() + 600;
    expect(await temp.error(bindRequest(perm, temp, msgId, expiresAt, true))).toBe('ENCRYPTED_MESSAGE_INVALID');
    expect(await temp.error(bindRequest(perm, temp, msgId + 4n, expiresAt))).toBe('ENCRYPTED_MESSAGE_INVALID');
    expect(await temp.call(bindRequest(perm, temp, msgId, expiresAt), msgId)).toBe(true);
    expect(await temp.call({ _: 'updates.getState' })).toMatchObject({ _: 'updates.state' });
    const other = h.connect(2);
    expect(await temp.error(bindRequest(other, temp, msgId, expiresAt))).toBe('TEMP_AUTH_KEY_ALREADY_BOUND');
    h.clock.advance(601_000);
    await expect(temp.call({ _: 'updates.getState' })).rejects.toThrow(TransportError);
  });

  it('dropTempAuthKeys forgets every temp key of the permanent key but the listed ones', async () => {
    const h = harness();
    const perm = h.connect(2);
    await loginTestNumber(perm, '9996621234', '22222');
    const temp = h.connect(2, 'temp');
    const msgId = 0x65000000_00000008n;
    await temp.call(bindRequest(perm, temp, msgId, h.state.clock.seconds() + 3600), msgId);
    expect(await perm.call({ _: 'auth.dropTempAuthKeys', exceptAuthKeys: [] })).toBe(true);
    expect(h.state.keys.get(temp.keyId)).toBeUndefined();
  });
});
