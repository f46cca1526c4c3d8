/**
 * Issue 21: the msg_id time window (https://core.telegram.org/mtproto/description, "Message
 * Identifier"; core.telegram.org/mtproto/security_guidelines item 11 of the security guidelines) holds from the first encrypted message of a key
 * just made, because the session keeps the server_time offset of the key exchange. A server that
 * stamps every message 600 s in the past is never believed: each such packet is dropped, its
 * connection closed (https://core.telegram.org/mtproto/security_guidelines), and after three such
 * attempts the call fails with the check's name instead of waiting for good.
 */
import { describe, expect, it } from 'vitest';
import { pureCrypto } from '../../../src/crypto/index.js';
import { DcUnavailableError, memoryDuplexPair, type Duplex } from '../../../src/transport/index.js';
import { DcConnection } from '../../../src/transport/connection/dc-connection.js';
import { isContainer, unpackContainer } from '../../../src/transport/session/container.js';
import { decryptMessage, encryptMessage, sessionKey } from '../../../src/transport/session/message-crypto.js';
import { packRpcResult } from '../../../src/transport/session/rpc-result.js';
import { tlSessionCodec } from '../../../src/transport/session/session-codec.js';
import { fixedRandom } from '../../helpers/fixed-random.js';
import { ManualClock } from '../../helpers/manual-clock.js';
import { INIT } from '../session/session-harness.js';

/** A server that answers every request at once, with msg_ids `ageSeconds` in the past. */
function agedServer(clock: ManualClock, authKey: Uint8Array, ageSeconds: number) {
  const key = sessionKey(authKey, pureCrypto);
  const random = fixedRandom('aged-server');
  let seq = 0;
  let counter = 1n;
  const answered: bigint[] = [];
  const dial = (): Duplex => {
    const [client, server] = memoryDuplexPair();
    server.frames$.subscribe((payload) => {
      const res = decryptMessage(key, 'client', payload, pureCrypto);
      if (!res.ok) return;
      const m = res.message;
      const inner = isContainer(m.body) ? unpackContainer(m.body, m.msgId)! : [m];
      for (const msg of inner) {
        if ((msg.seqNo & 1) === 0) continue; // acks and other non-content messages
        answered.push(msg.msgId);
        const result = tlSessionCodec.serialize({ _: 'nearestDc', country: 'NL', thisDc: 2, nearestDc: 2 });
        const seconds = BigInt(Math.floor(clock.now() / 1000) - ageSeconds);
        const msgId = (seconds << 32n) | ((counter++ << 2n) | 1n);
        const body = packRpcResult(msg.msgId, result);
        server.send(encryptMessage(key, 'server', { salt: 1n, sessionId: m.sessionId, msgId, seqNo: (seq++ << 1) | 1, body }, random, pureCrypto));
      }
    });
    return client;
  };
  return { dial, answered };
}

function connect(ageSeconds: number) {
  const clock = new ManualClock();
  const authKey = fixedRandom('aged-key').bytes(256);
  const server = agedServer(clock, authKey, ageSeconds);
  const dc = new DcConnection({
    dc: { dcId: 2, host: '127.0.0.1', port: 443 },
    dial: server.dial,
    clock,
    random: fixedRandom('aged-client'),
    crypto: pureCrypto,
    init: INIT,
    pingIntervalMs: 0,
    // A key just made: the exchange said the server's clock reads like ours.
    handshake: () => Promise.resolve({ key: authKey, serverSalt: 1n, timeOffset: 0 }),
  });
  const outcome: { value?: unknown; error?: unknown } = {};
  dc.invoke({ _: 'help.getNearestDc' }).subscribe({ next: (value) => (outcome.value = value), error: (error: unknown) => (outcome.error = error) });
  return { clock, dc, server, outcome };
}

const turns = async () => {
  for (let i = 0; i < 4; i++) await new Promise<void>((r) => setImmediate(r));
};

describe('msg_id time window from the first encrypted message', () => {
  it('drops every answer stamped 600 s in the past, closes each such connection, then fails the call with the check', async () => {
    const { clock, dc, server, outcome } = connect(600);
    await turns();
    expect(server.answered.length).toBe(1);
    expect(outcome).toEqual({});
    expect(dc.metrics?.droppedBy.msgIdTime).toBe(1);
    expect(dc.state).toBe('reconnecting');
    // Two more attempts after their backoff (0.5 s, 1 s): each answer dropped the same way.
    for (let i = 0; i < 3; i++) {
      clock.advance(1_000);
      await turns();
    }
    expect(dc.metrics?.droppedBy.msgIdTime).toBe(3);
    expect(outcome.value).toBeUndefined();
    expect(outcome.error).toBeInstanceOf(DcUnavailableError);
    expect(outcome.error).toMatchObject({ reason: 'securityCheck', check: 'message.msgIdTime', dcId: 2 });
    dc.close();
  });

  it('accepts the same server when its clock is right (the rig itself is sound)', async () => {
    const { dc, outcome } = connect(0);
    await turns();
    expect(outcome.value).toMatchObject({ _: 'nearestDc' });
    dc.close();
  });
});
