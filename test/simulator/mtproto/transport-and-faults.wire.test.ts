/**
 * What a connection declares and how it is framed: every codec (plain and obfuscated2) is detected,
 * results follow the layer of invokeWithLayer (198 reads user#4b46c37e, 223 user#31774388), unknown
 * methods get INPUT_METHOD_INVALID, and the fault switches (delay, reject, drop) act on live clients.
 */
import { describe, expect, it } from 'vitest';
import { tlSessionCodec, type CodecKind, type SessionCodec } from '../../../src/transport/index.js';
import { login, wireSim, type Value } from './wire-harness.js';

const settle = () => new Promise<void>((r) => setImmediate(r));

/** A session codec that keeps the raw result bytes of each method. */
function recordingCodec(seen: Map<string, Uint8Array>): SessionCodec {
  return {
    ...tlSessionCodec,
    deserializeResult: (method, bytes) => {
      seen.set(method, bytes);
      return tlSessionCodec.deserializeResult(method, bytes);
    },
  };
}

const u32 = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset + at, 4).getUint32(0, true);

describe('transport, layers and faults through MTProto', () => {
  it('detects every codec, plain and obfuscated2', async () => {
    const { connect } = wireSim();
    const kinds: [CodecKind, boolean][] = [
      ['abridged', false],
      ['intermediate', false],
      ['padded', false],
      ['full', false],
      ['abridged', true],
      ['intermediate', true],
      ['padded', true],
    ];
    for (const [codec, obfuscated] of kinds) {
      const c = await connect(3, { codec, obfuscated });
      expect(await c.call({ _: 'help.getNearestDc' }), `${codec} obfuscated=${obfuscated}`).toMatchObject({
        _: 'nearestDc',
        thisDc: 3,
      });
    }
  });

  it('writes the user constructor of the layer each connection declared', async () => {
    const { sim, connect } = wireSim();
    const seen198 = new Map<string, Uint8Array>();
    const seen223 = new Map<string, Uint8Array>();
    const old = await connect(2, { layer: 198, sessionCodec: recordingCodec(seen198) });
    const cur = await connect(2, { layer: 223, sessionCodec: recordingCodec(seen223) });
    await login(old, '9996621234', '22222');
    await login(cur, '9996621235', '22222');
    const self = { _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] };
    expect(await old.call(self)).toMatchObject([{ _: 'user', self: true, phone: '9996621234' }]);
    expect(await cur.call(self)).toMatchObject([{ _: 'user', self: true, phone: '9996621235' }]);
    // Vector<User>: vector id, count, then the user constructor.
    expect(u32(seen198.get('users.getUsers')!, 8).toString(16)).toBe('4b46c37e');
    expect(u32(seen223.get('users.getUsers')!, 8).toString(16)).toBe('31774388');
    expect(
      sim
        .sessions()
        .map((s) => s.layer)
        .sort(),
    ).toEqual([198, 223]);
    expect(await cur.error({ _: 'account.getAuthorizations' })).toBe('INPUT_METHOD_INVALID');
  });

  it('fault switches: delayed answers, rejected methods, dropped connections that the session survives', async () => {
    const { sim, clock, connect } = wireSim();
    const c = await connect(2);
    sim.faults.delay(5_000);
    let answered = false;
    const slow = c.call({ _: 'help.getNearestDc' }).then((v) => ((answered = true), v));
    await settle();
    expect(answered).toBe(false);
    clock.advance(5_000);
    expect(await slow).toMatchObject({ _: 'nearestDc' });
    sim.faults.clear();

    sim.faults.reject('help.getNearestDc', 420, 'FLOOD_WAIT_7', 1);
    expect(sim.faults.snapshot().rejections).toHaveLength(1);
    expect(await c.error({ _: 'help.getNearestDc' })).toBe('FLOOD_WAIT_7');
    expect(await c.call({ _: 'help.getNearestDc' })).toMatchObject({ _: 'nearestDc' });

    expect(sim.faults.dropConnections()).toBe(1);
    expect(c.closed).toBe(true);
    expect(sim.sessions()).toMatchObject([{ connected: false }]);
    c.reconnect();
    expect(await c.call({ _: 'help.getNearestDc' })).toMatchObject({ _: 'nearestDc' });
    expect(sim.sessions()).toMatchObject([{ connected: true, sessionId: c.session.sessionId }]);
    const v = (await c.call({ _: 'help.getConfig' })) as Value;
    expect(v['thisDc']).toBe(2);
  });
});
