/**
 * The server half against a misbehaving client (docs/ARCHITECTURE.md "The simulator"): undecryptable packets are dropped
 * silently, unknown keys get -404, and msg_id / seq_no / salt / container faults get the documented
 * bad_msg_notification codes.
 */
import { describe, expect, it } from 'vitest';
import { pureCrypto } from '../../../src/crypto/index.js';
import { decryptMessage, encryptMessage } from '../../../src/transport/session/message-crypto.js';
import { tlSessionCodec, type TlLike } from '../../../src/transport/session/session-codec.js';
import { isContainer, packContainer, unpackContainer } from '../../../src/transport/session/container.js';
import type { ServerNotice } from '../../../src/transport/index.js';
import { makePair } from './session-harness.js';

async function setup() {
  const p = makePair({ seed: 'server-side' });
  p.client.invoke({ _: 'help.getNearestDc' });
  await p.pump();
  const sessionId = p.client.sessionId;
  const salt = p.client.serverSalt;
  const now = () => BigInt(Math.floor(p.clock.now() / 1000));
  let low = 0x100000n;
  const id = () => (now() << 32n) | (low += 4n);
  /** Sends one forged client message and returns the decoded server answers. */
  const send = async (
    body: TlLike | Uint8Array,
    over: { msgId?: bigint; seqNo?: number; salt?: bigint } = {},
  ): Promise<TlLike[]> => {
    const payload = encryptMessage(
      p.key,
      'client',
      {
        salt: over.salt ?? salt,
        sessionId,
        msgId: over.msgId ?? id(),
        seqNo: over.seqNo ?? 1,
        body: body instanceof Uint8Array ? body : tlSessionCodec.serialize(body),
      },
      p.random,
      pureCrypto,
    );
    return deliver(payload);
  };
  const deliver = async (payload: Uint8Array): Promise<TlLike[]> => {
    p.toClient.splice(0);
    await p.conn.receive(payload);
    const out: TlLike[] = [];
    for (const wire of p.toClient.splice(0)) {
      const d = decryptMessage(p.key, 'server', wire, pureCrypto);
      if (!d.ok) throw new Error('server sent an undecryptable message');
      const msgs = isContainer(d.message.body) ? unpackContainer(d.message.body, d.message.msgId)! : [d.message];
      for (const m of msgs) {
        if (new DataView(m.body.buffer, m.body.byteOffset).getUint32(0, true) === 0xf35c6d01) out.push({ _: 'rpc_result' });
        else out.push(tlSessionCodec.deserialize(m.body));
      }
    }
    return out;
  };
  return { p, send, deliver, id, now };
}

const ping: TlLike = { _: 'ping', pingId: 7n };
const codeOf = (answers: TlLike[]) => answers.map((a) => (a._ === 'bad_msg_notification' ? a['errorCode'] : a._));

describe('server session against a misbehaving client', () => {
  it('answers a well-formed ping with a bare pong', async () => {
    const { send } = await setup();
    // Even seq_no above the session's highest so far (a lower one would be bad_msg 32).
    expect(codeOf(await send(ping, { seqNo: 100 }))).toEqual(['pong']);
  });

  it('drops undecryptable packets silently and counts them; unknown keys get -404', async () => {
    const { p, deliver, id } = await setup();
    const good = encryptMessage(
      p.key,
      'client',
      { salt: 1n, sessionId: 1n, msgId: id(), seqNo: 1, body: tlSessionCodec.serialize(ping) },
      p.random,
      pureCrypto,
    );
    const bad = good.slice();
    bad[30]! ^= 1;
    const dropped = p.server.metrics.dropped;
    expect(await deliver(bad)).toEqual([]);
    expect(p.server.metrics.dropped).toBe(dropped + 1);
    const unknown = good.slice();
    unknown[0]! ^= 1;
    await p.conn.receive(unknown);
    expect(p.toClient.splice(0)).toEqual([Uint8Array.of(0x6c, 0xfe, 0xff, 0xff)]);
  });

  it('sends bad_msg_notification 16/17 for msg_ids outside the window and 18 for wrong parity', async () => {
    const { send, now } = await setup();
    expect(codeOf(await send(ping, { msgId: ((now() - 400n) << 32n) | 4n, seqNo: 0 }))).toEqual([16]);
    expect(codeOf(await send(ping, { msgId: ((now() + 60n) << 32n) | 4n, seqNo: 0 }))).toEqual([17]);
    expect(codeOf(await send(ping, { msgId: (now() << 32n) | 0x7777n, seqNo: 0 }))).toEqual([18]);
  });

  it('checks seq_no parity (34, 35) and order (32)', async () => {
    const { send, id } = await setup();
    const inner = { msgId: id(), seqNo: 1, body: tlSessionCodec.serialize({ _: 'help.getNearestDc' }) };
    expect(codeOf(await send(packContainer([inner]), { seqNo: 3 }))).toEqual([34]);
    // An odd msgs_ack is accepted (UNVERIFIED, see server-session-handler.ts): no notice, no answer.
    expect(codeOf(await send({ _: 'msgs_ack', msgIds: [] }, { seqNo: 3 }))).toEqual([]);
    expect(codeOf(await send({ _: 'help.getNearestDc' }, { seqNo: 2 }))).toEqual([35]);
    expect(codeOf(await send({ _: 'help.getNearestDc' }, { seqNo: 41 }))).toEqual(['rpc_result']);
    expect(codeOf(await send({ _: 'help.getNearestDc' }, { seqNo: 39 }))).toEqual([32]);
  });

  it('tells onNotice which message each notification is about; an odd msgs_ack inside a container gets none', async () => {
    const { p, send, id } = await setup();
    const notices: ServerNotice[] = [];
    p.server.options.onNotice = (n) => notices.push(n);
    const odd = id();
    const first = { msgId: id(), seqNo: 1, body: tlSessionCodec.serialize({ _: 'help.getNearestDc' }) };
    expect(codeOf(await send(packContainer([first]), { msgId: odd, seqNo: 3 }))).toEqual([34]);
    // core.telegram.org/mtproto/description states the parity rule for the message a client sends;
    // the contents of a container are not checked one by one (mtcute 0.30.3 sends its acks so).
    const ack = { msgId: id(), seqNo: 5, body: tlSessionCodec.serialize({ _: 'msgs_ack', msgIds: [] }) };
    const call = { msgId: id(), seqNo: 7, body: tlSessionCodec.serialize({ _: 'help.getNearestDc' }) };
    expect(codeOf(await send(packContainer([ack, call]), { seqNo: 8 }))).toContain('rpc_result');
    const stale = id();
    expect(codeOf(await send(ping, { msgId: stale, salt: 999n, seqNo: 8 }))).toEqual(['bad_server_salt']);
    const about = { authKeyId: p.authKeyId, sessionId: p.client.sessionId };
    expect(notices).toEqual([
      { ...about, errorCode: 34, badMsgId: odd, badMsgSeqno: 3, constructorId: 0x73f1f8dc }, // msg_container
      { ...about, errorCode: 48, badMsgId: stale, badMsgSeqno: 8, constructorId: 0x7abe77ec }, // ping
    ]);
  });

  it('sends bad_server_salt with the current salt for a stale one', async () => {
    const { send, p } = await setup();
    const [answer] = await send(ping, { salt: 999n, seqNo: 100 });
    expect(answer).toMatchObject({ _: 'bad_server_salt', errorCode: 48, newServerSalt: p.client.serverSalt });
  });

  it('answers a duplicate request from its cache without running it again, and rejects a bad container with 64', async () => {
    let runs = 0;
    const p0 = await setup();
    const { send, id } = p0;
    p0.p.server.options.handle = async () => {
      runs++;
      return { _: 'nearestDc', country: 'NL', thisDc: 2, nearestDc: 2 };
    };
    const msgId = id();
    expect(codeOf(await send({ _: 'help.getNearestDc' }, { msgId, seqNo: 101 }))).toEqual(['rpc_result']);
    expect(codeOf(await send({ _: 'help.getNearestDc' }, { msgId, seqNo: 101 }))).toEqual(['rpc_result']);
    expect(runs).toBe(1);
    expect(p0.p.server.duplicates.answeredFromCache).toBe(1);
    const inner = { msgId: id() + 1000n, seqNo: 103, body: tlSessionCodec.serialize(ping) };
    expect(codeOf(await send(packContainer([inner]), { seqNo: 104 }))).toEqual([64]);
  });
});
