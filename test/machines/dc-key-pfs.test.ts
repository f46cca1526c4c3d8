/**
 * The per-DC key machine with PFS: a real temporary-key exchange against the server half of the
 * handshake (p_q_inner_data_temp_dc), the bind stubbed with `.provide()` (the real one runs against
 * the simulator in test/integration/pfs-*.test.ts). States as the inspector shows them, what is
 * emitted, the -404 rebuild that keeps the permanent key, rotation, and an unknown permanent key.
 */
import { describe, expect, it } from 'vitest';
import { createActor, fromPromise } from 'xstate';
import {
  SIMULATOR_RSA_PRIVATE_KEY_PEM,
  SIMULATOR_RSA_PUBLIC_KEY_PEM,
  parseRsaPrivateKey,
  parseRsaPublicKey,
  pureCrypto,
} from '../../src/crypto/index.js';
import { createDcKeyMachine, type DcKeyEmitted } from '../../src/machines/index.js';
import { deserializeObject, serializeObject, type TlAny } from '../../src/tl/index.js';
import {
  HandshakeServer,
  MsgIdGenerator,
  RpcError,
  memoryDuplexPair,
  unwrapPlainMessage,
  wrapPlainMessage,
} from '../../src/transport/index.js';
import { fixedRandom } from '../helpers/fixed-random.js';
import { ManualClock } from '../helpers/manual-clock.js';

const settle = () => new Promise<void>((r) => setImmediate(r));
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await settle();
  expect(check()).toBe(true);
}

function rig(options: { storedKeyId?: string; bind?: () => Promise<void> } = {}) {
  const clock = new ManualClock();
  const server = new HandshakeServer({
    dcId: 2,
    keys: [parseRsaPrivateKey(SIMULATOR_RSA_PRIVATE_KEY_PEM)],
    random: fixedRandom('pfs-server'),
    crypto: pureCrypto,
    now: () => clock.now(),
  });
  const [client, serverEnd] = memoryDuplexPair();
  const ids = new MsgIdGenerator(clock);
  const made: { temp: boolean }[] = [];
  serverEnd.frames$.subscribe((payload) => {
    const request = deserializeObject(unwrapPlainMessage(payload).body) as TlAny & { _: string };
    let answer: unknown;
    if (request._ === 'req_pq_multi') answer = server.answerReqPq(request as never);
    else if (request._ === 'req_DH_params') answer = server.answerReqDhParams(request as never);
    else {
      const r = server.answerSetClientDhParams(request as never);
      if (r.key) made.push({ temp: r.key.temp !== undefined });
      answer = r.answer;
    }
    serverEnd.send(wrapPlainMessage(ids.next(1), serializeObject(answer as TlAny)));
  });
  let binds = 0;
  const machine = createDcKeyMachine({
    env: { random: fixedRandom('pfs-client'), crypto: pureCrypto, now: () => clock.now() },
    rsaKeys: [parseRsaPublicKey(SIMULATOR_RSA_PUBLIC_KEY_PEM)],
    clock,
    currentDuplex: () => client,
    permKey: () => ({ key: new Uint8Array(256), serverSalt: 0n }),
  }).provide({
    actors: {
      bindTempKey: fromPromise(async () => {
        binds++;
        await (options.bind ?? (() => Promise.resolve()))();
      }),
    },
  });
  const actor = createActor(machine, {
    input: {
      dcId: 2,
      pfs: { expiresIn: 3600 },
      ...(options.storedKeyId ? { storedKeyId: options.storedKeyId } : {}),
    },
    clock,
  });
  const states: string[] = [];
  const emitted: DcKeyEmitted[] = [];
  actor.subscribe((s) => {
    const v = JSON.stringify(s.value);
    if (states.at(-1) !== v) states.push(v);
  });
  for (const type of ['key.created', 'key.failed', 'key.dropped', 'tempKey.bound'] as const)
    actor.on(type, (e) => emitted.push(e));
  actor.start();
  return { actor, states, emitted, made, binds: () => binds };
}

describe('dc key machine with PFS', () => {
  it('no stored key: permanent exchange, then a temp exchange, binding, ready', async () => {
    const r = rig();
    r.actor.send({ type: 'transport.handshaking' });
    await until(() => r.actor.getSnapshot().matches('ready'));
    expect(r.states).toEqual([
      '"disconnected"',
      '{"exchangingPermKey":"awaitingResPq"}',
      '{"exchangingPermKey":"awaitingServerDhParams"}',
      '{"exchangingPermKey":"awaitingDhGenAnswer"}',
      '{"exchangingTempKey":"awaitingResPq"}',
      '{"exchangingTempKey":"awaitingServerDhParams"}',
      '{"exchangingTempKey":"awaitingDhGenAnswer"}',
      '"binding"',
      '"ready"',
    ]);
    expect(r.made).toEqual([{ temp: false }, { temp: true }]);
    expect(r.emitted.map((e) => e.type)).toEqual(['key.created', 'tempKey.bound']);
    const ctx = r.actor.getSnapshot().context;
    expect(ctx.tempKeyId).toMatch(/^[0-9a-f]{16}$/);
    expect(ctx.tempKeyId).not.toBe(ctx.authKeyId);
    expect(ctx.tempExpiresAt).toBeGreaterThan(0);
    // Nothing secret reaches a snapshot.
    expect(JSON.stringify(r.actor.getSnapshot().context)).not.toMatch(/"key":/);
  });

  it('a stored permanent key: only the temp key is made; -404 in ready rebuilds it and keeps the permanent key', async () => {
    const r = rig({ storedKeyId: '0102030405060708' });
    r.actor.send({ type: 'transport.handshaking' });
    await until(() => r.actor.getSnapshot().matches('ready'));
    expect(r.made).toEqual([{ temp: true }]);
    const first = r.actor.getSnapshot().context.tempKeyId;
    r.states.length = 0;
    r.actor.send({ type: 'transport.handshaking' });
    await until(() => r.actor.getSnapshot().matches('ready'));
    expect(r.actor.getSnapshot().context).toMatchObject({
      authKeyId: '0102030405060708',
      binds: 2,
      permKeyLost: 0,
    });
    expect(r.actor.getSnapshot().context.tempKeyId).not.toBe(first);
    expect(r.states[0]).toBe('{"exchangingTempKey":"awaitingResPq"}');
    expect(r.emitted.map((e) => e.type)).toEqual(['tempKey.bound', 'tempKey.bound']);
  });

  it('rotation: ready -> rotating.awaitingConnection -> exchangingTempKey -> binding -> ready, counted', async () => {
    const r = rig({ storedKeyId: '0102030405060708' });
    r.actor.send({ type: 'transport.handshaking' });
    await until(() => r.actor.getSnapshot().matches('ready'));
    r.actor.send({ type: 'tempKey.rotate' });
    expect(r.actor.getSnapshot().value).toEqual({ rotating: 'awaitingConnection' });
    expect(r.actor.getSnapshot().hasTag('ready')).toBe(true);
    r.actor.send({ type: 'transport.handshaking' });
    await until(() => r.actor.getSnapshot().matches('ready'));
    expect(r.states).toContain('{"rotating":"binding"}');
    expect(r.actor.getSnapshot().context.rotations).toBe(1);
  });

  it('ENCRYPTED_MESSAGE_INVALID on bind: the permanent key is unknown, dropped and made again', async () => {
    let calls = 0;
    const r = rig({
      storedKeyId: '0102030405060708',
      bind: () =>
        calls++ === 0 ? Promise.reject(new RpcError(400, 'ENCRYPTED_MESSAGE_INVALID')) : Promise.resolve(),
    });
    r.actor.send({ type: 'transport.handshaking' });
    await until(() => r.actor.getSnapshot().matches('ready'));
    expect(r.made).toEqual([{ temp: true }, { temp: false }, { temp: true }]);
    expect(r.emitted.map((e) => e.type)).toEqual(['key.dropped', 'key.created', 'tempKey.bound']);
    expect(r.actor.getSnapshot().context.permKeyLost).toBe(1);
    expect(r.actor.getSnapshot().context.authKeyId).not.toBe('0102030405060708');
  });

  it('another bind failure: failed, and the next connection starts a new temp key (the permanent key stays)', async () => {
    let calls = 0;
    const r = rig({
      storedKeyId: '0102030405060708',
      bind: () =>
        calls++ === 0 ? Promise.reject(new RpcError(400, 'TEMP_AUTH_KEY_EMPTY')) : Promise.resolve(),
    });
    r.actor.send({ type: 'transport.handshaking' });
    await until(() => r.actor.getSnapshot().matches('failed'));
    expect(r.emitted.map((e) => e.type)).toEqual(['key.failed']);
    r.states.length = 0;
    r.actor.send({ type: 'transport.handshaking' });
    await until(() => r.actor.getSnapshot().matches('ready'));
    expect(r.actor.getSnapshot().context.authKeyId).toBe('0102030405060708');
    expect(r.binds()).toBe(2);
    expect(r.states[0]).toBe('{"exchangingTempKey":"awaitingResPq"}');
  });
});
