/**
 * What a connection declares and how it is framed: every codec (plain and obfuscated2) is detected,
 * results follow the layer of invokeWithLayer (198 reads user#4b46c37e, 223 user#31774388, 229
 * user#b1b8cc83), a method ID nobody knows gets INPUT_METHOD_INVALID_<id>_0 (bare or wrapped), known but
 * unimplemented methods INPUT_METHOD_INVALID, and the fault switches (delay, reject, drop) act on live clients.
 */
import { describe, expect, it } from 'vitest';
import { serializeObject, TlDecodeError } from '../../../src/tl/index.js';
import { tlSessionCodec, type CodecKind, type SessionCodec, type TlLike } from '../../../src/transport/index.js';
import { undecodableRequestError } from '../../../src/transport/session/server-dispatch.js';
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
    const layers = [198, 223, 227, 228, 229] as const;
    const seen = new Map(layers.map((l) => [l, new Map<string, Uint8Array>()]));
    const self = { _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] };
    for (const [i, layer] of layers.entries()) {
      const c = await connect(2, { layer, sessionCodec: recordingCodec(seen.get(layer)!) });
      const phone = `999662123${i}`;
      await login(c, phone, '22222');
      expect(await c.call(self)).toMatchObject([{ _: 'user', self: true, phone }]);
      if (layer === 229) expect(await c.error({ _: 'account.getAuthorizations' })).toBe('INPUT_METHOD_INVALID');
    }
    // Vector<User>: vector id, count, then the user constructor.
    const userId = (layer: (typeof layers)[number]) => u32(seen.get(layer)!.get('users.getUsers')!, 8).toString(16);
    expect(layers.map(userId)).toEqual(['4b46c37e', '31774388', '31774388', 'b1b8cc83', 'b1b8cc83']);
    expect(
      sim
        .sessions()
        .map((s) => s.layer)
        .sort(),
    ).toEqual([...layers]);
  });

  it('a method ID the server does not know gets INPUT_METHOD_INVALID_<id>_0, bare or inside the first-call wrappers', async () => {
    const { connect } = wireSim();
    const unknown = 0x74736574; // the bytes "test", a constructor no schema has
    const placeholder = serializeObject({ _: 'help.getNearestDc' });
    // Writes `{ _: 'unknownMethod' }` as the placeholder method, then swaps its ID for the unknown one.
    const codec: SessionCodec = {
      ...tlSessionCodec,
      serialize(obj) {
        if (!JSON.stringify(obj, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)).includes('unknownMethod')) {
          return tlSessionCodec.serialize(obj);
        }
        const swap = (o: TlLike): TlLike =>
          o._ === 'unknownMethod' ? { _: 'help.getNearestDc' } : { ...o, query: swap((o as unknown as { query: TlLike }).query) };
        const bytes = tlSessionCodec.serialize(swap(obj)).slice();
        expect(bytes.subarray(bytes.length - 4)).toEqual(placeholder);
        new DataView(bytes.buffer).setUint32(bytes.length - 4, unknown, true);
        return bytes;
      },
    };
    const wrapped = await connect(2, { sessionCodec: codec });
    expect(await wrapped.error({ _: 'unknownMethod' })).toBe(`INPUT_METHOD_INVALID_${unknown}_0`);
    const bare = await connect(2, { sessionCodec: codec });
    await bare.call({ _: 'help.getNearestDc' });
    expect(await bare.error({ _: 'unknownMethod' })).toBe(`INPUT_METHOD_INVALID_${unknown}_0`);
    // A known method with an unknown constructor inside its parameters is still undecodable input.
    expect(undecodableRequestError(new TlDecodeError('a constructor of InputUser', 8, unknown))).toBe('INPUT_FETCH_ERROR');
  });

  it('answers destroy_session bare, as the service message clients match it as (not inside rpc_result)', async () => {
    const { connect } = wireSim();
    const top: TlLike[] = [];
    const inResult: TlLike[] = [];
    const collect = (o: TlLike, into: TlLike[]): void => {
      if (o._ === 'msg_container') for (const m of o['messages'] as { body: TlLike }[]) collect(m.body, into);
      else if (o._ === 'rpc_result') inResult.push(o['result'] as TlLike);
      else into.push(o);
    };
    const codec: SessionCodec = {
      ...tlSessionCodec,
      deserialize(bytes) {
        const o = tlSessionCodec.deserialize(bytes);
        collect(o, top);
        return o;
      },
    };
    const c = await connect(2, { sessionCodec: codec });
    await c.call({ _: 'help.getNearestDc' });
    void c.call({ _: 'destroy_session', sessionId: 42n }); // answered bare: nothing resolves this call
    await c.call({ _: 'help.getNearestDc' });
    expect(top).toContainEqual({ _: 'destroy_session_none', sessionId: 42n });
    expect(inResult.map((o) => o._)).not.toContain('destroy_session_none');
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
