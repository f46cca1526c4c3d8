/**
 * PFS over real MTProto (core.telegram.org/api/pfs): a temporary key made with p_q_inner_data_temp_dc, bound
 * with auth.bindTempAuthKey (the inner message encrypted with the permanent key, MTProto 1.0), used
 * for the perm key's login, then rejected with transport error -404 once expired; dropTempAuthKeys.
 */
import { describe, expect, it } from 'vitest';
import { aesIgeEncrypt, aesKeyIvV1, concatBytes, msgKeyV1 } from '../../../src/crypto/index.js';
import { TransportError } from '../../../src/transport/index.js';
import { fixedRandom } from '../../helpers/fixed-random.js';
import { login, wireSim, type Value, type WireClient } from './wire-harness.js';

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

/** core.telegram.org/method/auth.bindTempAuthKey: bind_auth_key_inner#75a3f765 in a v1 message encrypted with the permanent key. */
function bindRequest(
  perm: WireClient,
  temp: WireClient,
  msgId: bigint,
  expiresAt: number,
  tamper = false,
): Value {
  const random = fixedRandom('bind');
  const nonce = 0x1234n;
  const inner = concatBytes(
    le32(0x75a3f765),
    le64(nonce),
    le64(temp.keyId),
    le64(perm.keyId),
    le64(temp.session.sessionId),
    le32(expiresAt),
  );
  const plain = concatBytes(random.bytes(16), le64(msgId), le32(0), le32(40), inner);
  const msgKey = msgKeyV1(plain);
  const { key, iv } = aesKeyIvV1(perm.authKey, msgKey, 'client');
  const cipher = aesIgeEncrypt(concatBytes(plain, random.bytes(8)), key, iv);
  if (tamper) cipher[0]! ^= 1;
  return {
    _: 'auth.bindTempAuthKey',
    permAuthKeyId: perm.keyId,
    nonce,
    expiresAt,
    encryptedMessage: concatBytes(le64(perm.keyId), msgKey, cipher),
  };
}

describe('temp keys through MTProto', () => {
  it('binds a temp key checked with the permanent key, uses its login, then gets -404 after expiry', async () => {
    const { sim, connect } = wireSim();
    sim.setAddresses(
      [1, 2, 3, 4, 5].map((id) => ({ id, host: '127.0.0.1', tcpPort: 4440 + id, wsPort: 5440 + id })),
    );
    const perm = await connect(2);
    await login(perm, '9996621234', '22222');
    const temp = await connect(2, { tempExpiresIn: 600 });
    expect(sim.keys().find((k) => k.id === temp.keyId)).toMatchObject({ kind: 'temp', dcId: 2 });
    expect(await temp.error({ _: 'updates.getState' })).toBe('AUTH_KEY_PERM_EMPTY');
    const config = (await temp.call({ _: 'help.getConfig' })) as Value;
    expect(config).toMatchObject({ _: 'config', thisDc: 2 });
    expect(config['dcOptions']).toContainEqual(
      expect.objectContaining({ id: 4, ipAddress: '127.0.0.1', port: 4444 }),
    );

    const expiresAt = sim.clock.seconds() + 600;
    expect(
      await perm
        .callWithMsgId((m) => bindRequest(perm, temp, m, expiresAt))
        .catch((e: { text: string }) => e.text),
    ).toBe('TEMP_AUTH_KEY_EMPTY');
    const bind = (build: (msgId: bigint) => Value) =>
      temp.callWithMsgId(build).catch((e: { text: string }) => e.text);
    expect(await bind((m) => bindRequest(perm, temp, m, expiresAt, true))).toBe('ENCRYPTED_MESSAGE_INVALID');
    expect(await bind((m) => bindRequest(perm, temp, m + 4n, expiresAt))).toBe('ENCRYPTED_MESSAGE_INVALID');
    expect(await bind((m) => bindRequest(perm, temp, m, expiresAt))).toBe(true);
    expect(sim.keys().find((k) => k.id === temp.keyId)).toMatchObject({ boundPermId: perm.keyId });
    expect(await temp.call({ _: 'updates.getState' })).toMatchObject({ _: 'updates.state' });

    const other = await connect(2);
    expect(await bind((m) => bindRequest(other, temp, m, expiresAt))).toBe('TEMP_AUTH_KEY_ALREADY_BOUND');

    sim.clock.advance(601_000);
    const gone = await temp.call({ _: 'updates.getState' }).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(TransportError);
    expect((gone as TransportError).code).toBe(-404);
    // The permanent key is unaffected.
    expect(await perm.call({ _: 'updates.getState' })).toMatchObject({ _: 'updates.state' });
  });

  it('dropTempAuthKeys forgets the temp keys of the permanent key: their next packet gets -404', async () => {
    const { sim, connect } = wireSim();
    const perm = await connect(2);
    expect(await perm.error({ _: 'auth.dropTempAuthKeys', exceptAuthKeys: [] })).toBe(
      'AUTH_KEY_UNREGISTERED',
    );
    await login(perm, '9996621234', '22222');
    const temp = await connect(2, { tempExpiresIn: 3600 });
    expect(await temp.callWithMsgId((m) => bindRequest(perm, temp, m, sim.clock.seconds() + 3600))).toBe(
      true,
    );
    expect(await perm.call({ _: 'auth.dropTempAuthKeys', exceptAuthKeys: [] })).toBe(true);
    expect(sim.keys().some((k) => k.id === temp.keyId)).toBe(false);
    await expect(temp.call({ _: 'help.getNearestDc' })).rejects.toMatchObject({ code: -404 });
  });
});
