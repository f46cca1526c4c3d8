/**
 * Issue 21, clocks: a server whose session keeps a stale time (its clock stepped back, a failover)
 * makes the client correct its time from each bad_msg_notification 17 and be refused again; after
 * three in a row the client starts a new session (https://core.telegram.org/mtproto/service_messages_about_messages,
 * "bad_msg_notification"). And a local wall-clock step, seen against `Clock.monotonic`, neither moves
 * the server time the session keeps nor makes it drop the next answers.
 */
import { describe, expect, it } from 'vitest';
import { pureCrypto } from '../../../src/crypto/index.js';
import { ClientSession } from '../../../src/transport/session/client-session.js';
import { encryptMessage } from '../../../src/transport/session/message-crypto.js';
import { MsgIdGenerator, msgIdSeconds } from '../../../src/transport/session/msg-id.js';
import { tlSessionCodec, type TlLike } from '../../../src/transport/session/session-codec.js';
import { decryptMessage } from '../../../src/transport/session/message-crypto.js';
import { steppedClock } from '../../helpers/stepped-clock.js';
import { makePair } from './session-harness.js';
import { ManualClock } from '../../helpers/manual-clock.js';

/** Encrypts `body` as the server would for `client`, with the given msg_id. */
function fromServer(p: ReturnType<typeof makePair>, client: ClientSession, body: TlLike, msgId: bigint): Uint8Array {
  return encryptMessage(
    p.key,
    'server',
    { salt: client.serverSalt, sessionId: client.sessionId, msgId, seqNo: 1, body: tlSessionCodec.serialize(body) },
    p.random,
    pureCrypto,
  );
}

/** The msg_id of the (lone) message in a client packet. */
function sentMsgId(p: ReturnType<typeof makePair>, packet: Uint8Array): bigint {
  const res = decryptMessage(p.key, 'client', packet, pureCrypto);
  if (!res.ok) throw new TypeError(res.reason);
  return res.message.msgId;
}

describe('session time', () => {
  it('three 17s in a row from a server stuck in its old time: a new session', async () => {
    const p = makePair({ seed: 'stuck-server' });
    p.client.invoke({ _: 'help.getNearestDc' });
    await p.pump();
    const first = p.client.sessionId;
    const id = p.client.invoke({ _: 'help.getNearestDc' });
    // The stuck server's notifications always carry the same (stale) time, 600 s ahead of ours.
    const stale = (BigInt(Math.floor(p.clock.now() / 1000) + 600) << 32n) | 1n;
    for (let i = 0; i < 3; i++) {
      const packet = p.client.flush()!;
      const badMsgId = sentMsgId(p, packet);
      const notice = { _: 'bad_msg_notification', badMsgId, badMsgSeqno: 1, errorCode: 17 };
      expect(p.client.receive(fromServer(p, p.client, notice, stale + BigInt(i * 4)))).toEqual([]);
      expect(p.client.sessionId).toBe(i < 2 ? first : p.client.sessionId);
    }
    expect(p.client.sessionId).not.toBe(first);
    // The request waits for the next packet of the new session, not failed.
    expect(p.client.pendingCount).toBe(1);
    expect(p.client.hasOutgoing()).toBe(true);
    expect(id).toBeGreaterThan(0);
  });

  it('a local wall-clock step of -60 s: msg_ids go on from the server time, answers still accepted', () => {
    const base = new ManualClock();
    const clock = steppedClock(base);
    const ids = new MsgIdGenerator(clock);
    ids.timeOffset = 0;
    const before = ids.next();
    base.advance(1_000);
    clock.step(-60_000);
    const after = ids.next();
    expect(ids.stepped).toBe(true);
    // One second later in real time, whatever the wall clock says.
    expect(msgIdSeconds(after) - msgIdSeconds(before)).toBe(1);
    expect(Math.round(ids.serverNow() - base.now() / 1000)).toBe(0);
  });

  it('without a monotonic clock the step cannot be seen (what Clock.monotonic is for)', () => {
    const base = new ManualClock();
    const clock = steppedClock(base, { monotonic: false });
    const ids = new MsgIdGenerator(clock);
    clock.step(-60_000);
    expect(ids.stepped).toBe(false);
    expect(Math.round(ids.serverNow() - base.now() / 1000)).toBe(-60);
  });
});
