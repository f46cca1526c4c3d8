/**
 * A hostile server: every decrypt and session check of core.telegram.org/mtproto/security_guidelines items 8–12 on the client.
 * Each bad message is dropped without an event, counted under its reason, and changes no state.
 */
import { describe, expect, it } from 'vitest';
import { aesKeyIvV2, msgKeyV2, pureCrypto, concatBytes } from '../../../src/crypto/index.js';
import { encryptMessage } from '../../../src/transport/session/message-crypto.js';
import { tlSessionCodec, type TlLike } from '../../../src/transport/session/session-codec.js';
import { writeInt, writeLong } from '../../../src/transport/session/wire.js';
import { makePair } from './session-harness.js';

/** A synced client with one answered request, and a way to forge server packets. */
async function syncedPair() {
  const p = makePair({ seed: 'hostile' });
  p.client.invoke({ _: 'help.getNearestDc' });
  await p.pump();
  expect(p.client.synced).toBe(true);
  let serverMsgId = (BigInt(Math.floor(p.clock.now() / 1000)) << 32n) | 0x10000001n;
  const nextId = () => (serverMsgId += 4n);
  const forge = (body: TlLike | Uint8Array, over: { msgId?: bigint; sessionId?: bigint; seqNo?: number } = {}) =>
    encryptMessage(
      p.key,
      'server',
      {
        salt: p.client.serverSalt,
        sessionId: over.sessionId ?? p.client.sessionId,
        msgId: over.msgId ?? nextId(),
        seqNo: over.seqNo ?? 1,
        body: body instanceof Uint8Array ? body : tlSessionCodec.serialize(body),
      },
      p.random,
      pureCrypto,
    );
  /** Builds the plaintext by hand (to lie about the length or the padding) and encrypts it correctly. */
  const forgeRaw = (dataLength: number, body: Uint8Array, padding: number) => {
    const plain = new Uint8Array(32 + body.length + padding);
    writeLong(plain, 0, p.client.serverSalt);
    writeLong(plain, 8, p.client.sessionId);
    writeLong(plain, 16, nextId());
    writeInt(plain, 24, 1);
    writeInt(plain, 28, dataLength);
    plain.set(body, 32);
    const msgKey = msgKeyV2(p.authKey, plain, 'server', pureCrypto);
    const { key, iv } = aesKeyIvV2(p.authKey, msgKey, 'server', pureCrypto);
    return concatBytes(p.key.id, msgKey, pureCrypto.aesIgeEncrypt(plain, key, iv));
  };
  const update: TlLike = { _: 'updatesTooLong' };
  const expectDropped = (payload: Uint8Array, reason: string) => {
    const before = { ...p.client.metrics, droppedBy: { ...p.client.metrics.droppedBy } };
    const salt = p.client.serverSalt;
    expect(p.client.receive(payload)).toEqual([]);
    expect(p.client.metrics.dropped).toBe(before.dropped + 1);
    expect(p.client.metrics.droppedBy[reason as 'msgKey']).toBe((before.droppedBy[reason as 'msgKey'] ?? 0) + 1);
    expect(p.client.serverSalt).toBe(salt);
  };
  return { p, forge, forgeRaw, update, nextId, expectDropped };
}

describe('client against a hostile server', () => {
  it('accepts a well-formed forged update (the harness itself is sound)', async () => {
    const { p, forge, update } = await syncedPair();
    expect(p.client.receive(forge(update))).toEqual([{ type: 'update', update }]);
  });

  it('drops a bad msg_key (core.telegram.org/mtproto/security_guidelines 8)', async () => {
    const { forge, update, expectDropped } = await syncedPair();
    const wire = forge(update);
    wire[8]! ^= 0x40;
    expectDropped(wire, 'msgKey');
  });

  it('drops a flipped ciphertext bit (msg_key no longer matches) and a wrong auth_key_id', async () => {
    const { forge, update, expectDropped } = await syncedPair();
    const wire = forge(update);
    wire[wire.length - 1]! ^= 1;
    expectDropped(wire, 'msgKey');
    const other = forge(update);
    other[0]! ^= 1;
    expectDropped(other, 'authKeyId');
  });

  it('drops a message_data_length beyond the plaintext, negative or not a multiple of 4 (core.telegram.org/mtproto/security_guidelines 9)', async () => {
    const { forgeRaw, expectDropped } = await syncedPair();
    const body = tlSessionCodec.serialize({ _: 'updatesTooLong' });
    expectDropped(forgeRaw(4096, body, 12), 'dataLength');
    expectDropped(forgeRaw(-4, body, 12), 'dataLength');
    expectDropped(forgeRaw(body.length + 2, body, 12), 'dataLength');
  });

  it('drops padding shorter than 12 or longer than 1024 bytes (core.telegram.org/mtproto/security_guidelines 9)', async () => {
    const { forgeRaw, expectDropped } = await syncedPair();
    // 8 body bytes: 32 + 8 + 8 and 32 + 8 + 1048 are multiples of 16, so only the padding is wrong.
    const body = concatBytes(tlSessionCodec.serialize({ _: 'updatesTooLong' }), new Uint8Array(4));
    expectDropped(forgeRaw(body.length, body, 8), 'padding');
    expectDropped(forgeRaw(body.length, body, 1048), 'padding');
  });

  it('drops a wrong session id (core.telegram.org/mtproto/security_guidelines 10)', async () => {
    const { p, forge, update, expectDropped } = await syncedPair();
    expectDropped(forge(update, { sessionId: p.client.sessionId ^ 1n }), 'sessionId');
  });

  it('drops a replayed msg_id and an even (client-parity) msg_id (core.telegram.org/mtproto/security_guidelines 11)', async () => {
    const { p, forge, update, nextId, expectDropped } = await syncedPair();
    const wire = forge(update);
    expect(p.client.receive(wire)).toHaveLength(1);
    expectDropped(wire, 'msgIdDuplicate');
    expectDropped(forge(update, { msgId: nextId() + 3n }), 'msgIdParity');
  });

  it('drops msg_ids more than 300 s old or 30 s ahead once synced (core.telegram.org/mtproto/security_guidelines 11)', async () => {
    const { p, forge, update, expectDropped } = await syncedPair();
    const now = BigInt(Math.floor(p.clock.now() / 1000));
    expectDropped(forge(update, { msgId: ((now - 400n) << 32n) | 0x1001n }), 'msgIdTime');
    expectDropped(forge(update, { msgId: ((now + 60n) << 32n) | 0x1001n }), 'msgIdTime');
  });

  it('drops msg_ids lower than every id in a full window', async () => {
    const { p, forge, update, expectDropped } = await syncedPair();
    for (let i = 0; i < 1100; i++) p.client.receive(forge(update));
    const now = BigInt(Math.floor(p.clock.now() / 1000));
    expectDropped(forge(update, { msgId: (now << 32n) | 0x5n }), 'msgIdTooLow');
  });

  it('ignores bad_server_salt and bad_msg_notification about messages it never sent (core.telegram.org/mtproto/security_guidelines 12)', async () => {
    const { forge, expectDropped } = await syncedPair();
    const never = 0x65abc0fc00000004n;
    expectDropped(
      forge({ _: 'bad_server_salt', badMsgId: never, badMsgSeqno: 1, errorCode: 48, newServerSalt: 42n }, { seqNo: 0 }),
      'unsolicited',
    );
    expectDropped(forge({ _: 'bad_msg_notification', badMsgId: never, badMsgSeqno: 1, errorCode: 16 }, { seqNo: 0 }), 'unsolicited');
  });

  it('drops a malformed container whole', async () => {
    const { forge, expectDropped } = await syncedPair();
    const body = new Uint8Array(8 + 16 + 4);
    writeInt(body, 0, 0x73f1f8dc);
    writeInt(body, 4, 1);
    writeLong(body, 8, 1n);
    writeInt(body, 20, 400); // claims 400 bytes, holds 4
    expectDropped(forge(body, { seqNo: 0 }), 'container');
  });
});
