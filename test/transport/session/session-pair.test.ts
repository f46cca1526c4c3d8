import { describe, expect, it } from 'vitest';
import { LAYER } from '../../../src/tl/index.js';
import { RpcError } from '../../../src/transport/index.js';
import { decryptMessage } from '../../../src/transport/session/message-crypto.js';
import { unpackContainer } from '../../../src/transport/session/container.js';
import { tlSessionCodec } from '../../../src/transport/session/session-codec.js';
import { pureCrypto } from '../../../src/crypto/index.js';
import { INIT, makePair } from './session-harness.js';

describe('client and server sessions back to back', () => {
  it('runs an RPC, wraps the first one in invokeWithLayer(initConnection) and handles new_session_created', async () => {
    const p = makePair();
    const id = p.client.invoke({ _: 'help.getNearestDc' });
    const events = await p.pump();
    expect(events).toContainEqual({ type: 'newSession' });
    expect(events).toContainEqual({ type: 'result', id, value: { _: 'nearestDc', country: 'NL', thisDc: 2, nearestDc: 2 } });
    const ks = p.server.keys.get(p.authKeyId)!;
    expect(ks.layer).toBe(LAYER);
    expect(ks.initConnection).toMatchObject({ _: 'initConnection', apiId: INIT.apiId, deviceModel: 'vitest', langPack: '' });
    expect(p.client.pendingCount).toBe(0);
  });

  it('decodes bare Bool results with the method and rpc_error into RpcError', async () => {
    const p = makePair();
    const even = p.client.invoke({ _: 'auth.checkRecoveryPassword', code: '2' });
    const odd = p.client.invoke({ _: 'auth.checkRecoveryPassword', code: '3' });
    const flood = p.client.invoke({ _: 'help.getConfig' });
    const events = await p.pump();
    expect(events).toContainEqual({ type: 'result', id: even, value: true });
    expect(events).toContainEqual({ type: 'result', id: odd, value: false });
    const err = events.find((e) => e.type === 'error' && e.id === flood);
    expect(err?.type === 'error' && err.error).toBeInstanceOf(RpcError);
    expect(err?.type === 'error' && err.error).toMatchObject({ code: 420, type: 'FLOOD_WAIT_X', argument: 30 });
  });

  it('packs queued requests into one container and piggy-backs acks on the next request', async () => {
    const p = makePair();
    p.client.invoke({ _: 'help.getNearestDc' });
    p.client.invoke({ _: 'help.getNearestDc' });
    p.client.invoke({ _: 'help.getNearestDc' });
    p.flushClient();
    expect(p.toServer).toHaveLength(1);
    const first = decryptMessage(p.key, 'client', p.toServer[0]!, pureCrypto);
    expect(first.ok && unpackContainer(first.message.body, first.message.msgId)).toHaveLength(3);
    await p.pump();
    // 3 rpc_results + new_session_created are content-related and must be acknowledged.
    expect(p.client.pendingAckCount).toBe(4);
    p.client.invoke({ _: 'help.getNearestDc' });
    p.flushClient();
    const second = decryptMessage(p.key, 'client', p.toServer[0]!, pureCrypto);
    const inner = second.ok ? unpackContainer(second.message.body, second.message.msgId)! : [];
    expect(inner.map((m) => tlSessionCodec.deserialize(m.body)._)).toEqual(['help.getNearestDc', 'msgs_ack']);
    expect((tlSessionCodec.deserialize(inner[1]!.body)['msgIds'] as bigint[]).length).toBe(4);
    expect(inner[1]!.seqNo % 2).toBe(0);
    expect(inner[0]!.seqNo % 2).toBe(1);
    expect(p.client.pendingAckCount).toBe(0);
  });

  it('adopts the new salt from bad_server_salt after a salt change and re-sends once', async () => {
    const p = makePair();
    p.client.invoke({ _: 'help.getNearestDc' });
    await p.pump();
    const oldSalt = p.client.serverSalt;
    p.clock.advance(2 * 3600_000); // two salt periods: the old salt is no longer accepted
    const id = p.client.invoke({ _: 'help.getNearestDc' });
    const events = await p.pump();
    expect(events.filter((e) => e.type === 'result' && e.id === id)).toHaveLength(1);
    expect(p.client.serverSalt).not.toBe(oldSalt);
    expect(p.client.serverSalt).toBe(p.server.keys.get(p.authKeyId)!.salts.current(p.clock.now() / 1000));
    expect(p.client.metrics.resent).toBe(1);
  });

  it.each([
    ['ahead', 600_000],
    ['behind', -600_000],
  ])('corrects a client clock 10 minutes %s from bad_msg_notification 16/17', async (_name, skew) => {
    const p = makePair({ skewMs: skew });
    const id = p.client.invoke({ _: 'help.getNearestDc' });
    const events = await p.pump();
    expect(events.filter((e) => e.type === 'result' && e.id === id)).toHaveLength(1);
    expect(Math.abs(p.client.msgIds.timeOffset + skew / 1000)).toBeLessThanOrEqual(1);
    expect(p.client.metrics.resent).toBe(1);
    expect(p.client.synced).toBe(true);
    // Later requests go through first time.
    const again = p.client.invoke({ _: 'help.getNearestDc' });
    expect((await p.pump()).filter((e) => e.type === 'result' && e.id === again)).toHaveLength(1);
    expect(p.client.metrics.resent).toBe(1);
  });

  it('gets future salts (bare future_salts) and switches to the next one when it starts', async () => {
    const p = makePair();
    const id = p.client.invoke({ _: 'get_future_salts', num: 3 });
    const events = await p.pump();
    const res = events.find((e) => e.type === 'result' && e.id === id);
    expect(res?.type === 'result' && (res.value as { salts: unknown[] }).salts).toHaveLength(3);
    expect(p.client.futureSalts).toHaveLength(3);
    p.clock.advance(1800_000);
    p.client.invoke({ _: 'help.getNearestDc' });
    await p.pump();
    expect(p.client.metrics.resent).toBe(0); // no bad_server_salt: the future salt was already in use
    expect(p.client.serverSalt).toBe(p.client.futureSalts[0]!.salt);
  });

  it('keeps the salt in use valid after handing out 64 future salts (what mtcute 0.30.3 asks for)', async () => {
    const p = makePair();
    const before = p.client.serverSalt;
    p.client.invoke({ _: 'get_future_salts', num: 64 });
    await p.pump();
    expect(p.client.futureSalts).toHaveLength(64);
    expect(p.client.futureSalts[0]!.salt).toBe(before);
    p.client.invoke({ _: 'help.getNearestDc' });
    await p.pump();
    expect(p.client.metrics.resent).toBe(0); // no bad_server_salt for the salt the server just listed as current
    expect(p.client.serverSalt).toBe(before);
  });

  it('cancels a request in flight with rpc_drop_answer and never emits its result', async () => {
    let release!: () => void;
    const p = makePair({
      handle: async (req) => {
        if (req._ === 'help.getNearestDc') await new Promise<void>((r) => (release = r));
        return { _: 'nearestDc', country: 'NL', thisDc: 2, nearestDc: 2 };
      },
    });
    const id = p.client.invoke({ _: 'help.getNearestDc' });
    p.flushClient();
    const running = p.conn.receive(p.toServer.shift()!);
    p.client.cancel(id);
    const events = await p.pump();
    release();
    await running;
    events.push(...(await p.pump()));
    expect(events.some((e) => (e.type === 'result' || e.type === 'error') && e.id === id)).toBe(false);
    expect(p.client.pendingCount).toBe(0); // the rpc_drop_answer itself was answered
  });

  it('keeps the connection alive with ping_delay_disconnect and lets the server close an idle one', async () => {
    const p = makePair();
    p.client.ping(75);
    await p.pump();
    expect(p.client.pendingCount).toBe(0); // pong consumed
    p.clock.advance(60_000);
    p.client.ping(75);
    await p.pump();
    p.clock.advance(70_000);
    expect(p.closedByServer).toBe(0);
    p.clock.advance(10_000);
    expect(p.closedByServer).toBe(1);
  });

  it('answers msgs_state_req and pushes updates to the session', async () => {
    const p = makePair();
    p.client.invoke({ _: 'help.getNearestDc' });
    await p.pump();
    p.server.pushUpdate(p.authKeyId, { _: 'updatesTooLong' });
    const events = await p.pump();
    expect(events).toContainEqual({ type: 'update', update: { _: 'updatesTooLong' } });
  });
});
