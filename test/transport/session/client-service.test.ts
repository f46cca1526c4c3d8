/** Client reactions to service messages that the back-to-back server does not send on its own. */
import { describe, expect, it } from 'vitest';
import { pureCrypto } from '../../../src/crypto/index.js';
import { decryptMessage, encryptMessage } from '../../../src/transport/session/message-crypto.js';
import { isContainer, unpackContainer } from '../../../src/transport/session/container.js';
import { tlSessionCodec, type TlLike } from '../../../src/transport/session/session-codec.js';
import { makePair } from './session-harness.js';

async function setup() {
  const p = makePair({ seed: 'client-service' });
  p.client.invoke({ _: 'help.getNearestDc' });
  await p.pump();
  let serverMsgId = (BigInt(Math.floor(p.clock.now() / 1000)) << 32n) | 0x20000001n;
  const forge = (body: TlLike, seqNo = 0) =>
    encryptMessage(
      p.key,
      'server',
      { salt: p.client.serverSalt, sessionId: p.client.sessionId, msgId: (serverMsgId += 4n), seqNo, body: tlSessionCodec.serialize(body) },
      p.random,
      pureCrypto,
    );
  /** The client's next packet, decoded into its messages. */
  const nextPacket = () => {
    const wire = p.client.flush()!;
    const d = decryptMessage(p.key, 'client', wire, pureCrypto);
    if (!d.ok) throw new RangeError('undecryptable client packet');
    const msgs = isContainer(d.message.body) ? unpackContainer(d.message.body, d.message.msgId)! : [d.message];
    return { sessionId: d.message.sessionId, msgs: msgs.map((m) => ({ ...m, obj: tlSessionCodec.deserialize(m.body) })) };
  };
  return { p, forge, nextPacket };
}

describe('client service-message handling', () => {
  it('starts a new session and re-sends after bad_msg_notification 32 (seq_no too low)', async () => {
    const { p, forge, nextPacket } = await setup();
    const id = p.client.invoke({ _: 'help.getNearestDc' });
    const first = nextPacket();
    const sent = first.msgs.find((m) => m.obj._ === 'help.getNearestDc')!;
    p.client.receive(forge({ _: 'bad_msg_notification', badMsgId: sent.msgId, badMsgSeqno: sent.seqNo, errorCode: 32 }));
    const again = nextPacket();
    expect(again.sessionId).not.toBe(first.sessionId);
    const resent = again.msgs.find((m) => m.obj._ === 'help.getNearestDc')!;
    expect(resent.msgId).not.toBe(sent.msgId);
    expect(resent.seqNo).toBe(1); // seq_no counts from zero in the new session
    expect(p.client.requests.has(id)).toBe(true);
  });

  it('fails a request the server calls malformed (bad_msg 35) instead of re-sending it forever', async () => {
    const { p, forge, nextPacket } = await setup();
    const id = p.client.invoke({ _: 'help.getNearestDc' });
    const sent = nextPacket().msgs.find((m) => m.obj._ === 'help.getNearestDc')!;
    const events = p.client.receive(forge({ _: 'bad_msg_notification', badMsgId: sent.msgId, badMsgSeqno: 0, errorCode: 35 }));
    expect(events).toEqual([{ type: 'error', id, error: expect.objectContaining({ code: 35 }) }]);
  });

  it('asks for an answer it never got (msg_detailed_info -> msg_resend_req) and reports msgs_state_req', async () => {
    const { p, forge, nextPacket } = await setup();
    p.client.receive(forge({ _: 'msg_detailed_info', msgId: 4n, answerMsgId: 0x1234n, bytes: 16, status: 0 }));
    const known = p.client.recent.highest;
    p.client.receive(forge({ _: 'msgs_state_req', msgIds: [known, known + (1n << 40n)] }));
    const objs = nextPacket().msgs.map((m) => m.obj);
    expect(objs).toContainEqual({ _: 'msg_resend_req', msgIds: [0x1234n] });
    const info = objs.find((o) => o._ === 'msgs_state_info')!;
    expect([...(info['info'] as Uint8Array)]).toEqual([4, 3]);
  });
});
