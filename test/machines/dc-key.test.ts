/**
 * The per-DC key machine against the real server half of the handshake over an in-memory duplex:
 * the states it passes through (what the inspector shows), the key it announces, failures (wrong
 * RSA key, silence until the timeout on the manual clock) and the transport facts it follows.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import {
  SIMULATOR_RSA_PRIVATE_KEY_PEM,
  SIMULATOR_RSA_PUBLIC_KEY_PEM,
  TELEGRAM_PRODUCTION_RSA_PUBLIC_KEY_PEM,
  parseRsaPrivateKey,
  parseRsaPublicKey,
  pureCrypto,
} from '../../src/crypto/index.js';
import { createDcKeyMachine, type DcKeyEmitted } from '../../src/machines/index.js';
import { deserializeObject, serializeObject, type TlAny } from '../../src/tl/index.js';
import {
  HandshakeServer,
  MsgIdGenerator,
  memoryDuplexPair,
  unwrapPlainMessage,
  wrapPlainMessage,
  type Duplex,
} from '../../src/transport/index.js';
import { fixedRandom } from '../helpers/fixed-random.js';
import { ManualClock } from '../helpers/manual-clock.js';

const settle = () => new Promise<void>((r) => setImmediate(r));

function rig(options: { rsaPem?: string; silent?: boolean } = {}) {
  const clock = new ManualClock();
  const random = fixedRandom('dc-key');
  const server = new HandshakeServer({
    dcId: 2,
    keys: [parseRsaPrivateKey(SIMULATOR_RSA_PRIVATE_KEY_PEM)],
    random: fixedRandom('dc-key-server'),
    crypto: pureCrypto,
    now: () => clock.now(),
  });
  const [client, serverEnd] = memoryDuplexPair();
  const ids = new MsgIdGenerator(clock);
  serverEnd.frames$.subscribe((payload) => {
    if (options.silent) return;
    const request = deserializeObject(unwrapPlainMessage(payload).body) as TlAny & { _: string };
    const answer =
      request._ === 'req_pq_multi'
        ? server.answerReqPq(request as never)
        : request._ === 'req_DH_params'
          ? server.answerReqDhParams(request as never)
          : server.answerSetClientDhParams(request as never).answer;
    serverEnd.send(wrapPlainMessage(ids.next(1), serializeObject(answer as TlAny)));
  });
  let duplex: Duplex | undefined = client;
  const machine = createDcKeyMachine({
    env: { random, crypto: pureCrypto, now: () => clock.now() },
    rsaKeys: [parseRsaPublicKey(options.rsaPem ?? SIMULATOR_RSA_PUBLIC_KEY_PEM)],
    clock,
    currentDuplex: () => duplex,
  });
  const actor = createActor(machine, { input: { dcId: 2 }, clock });
  const states: string[] = [];
  const emitted: DcKeyEmitted[] = [];
  actor.subscribe((s) => states.push(JSON.stringify(s.value)));
  for (const type of ['key.created', 'key.failed', 'key.dropped'] as const) actor.on(type, (e) => emitted.push(e));
  actor.start();
  return { actor, clock, states, emitted, detach: () => (duplex = undefined) };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await settle();
  expect(check()).toBe(true);
}

describe('dc key machine', () => {
  it('sequences req_pq_multi -> req_DH_params -> set_client_DH_params and announces the key', async () => {
    const { actor, states, emitted } = rig();
    expect(actor.getSnapshot().value).toBe('disconnected');
    actor.send({ type: 'transport.handshaking' });
    await until(() => actor.getSnapshot().value === 'ready');
    expect(states).toEqual([
      '"disconnected"',
      '{"exchangingPermKey":"awaitingResPq"}',
      '{"exchangingPermKey":"awaitingServerDhParams"}',
      '{"exchangingPermKey":"awaitingDhGenAnswer"}',
      '"ready"',
    ]);
    const created = emitted.find((e) => e.type === 'key.created');
    expect(created?.type === 'key.created' && created.key.open().key.length).toBe(256);
    const context = actor.getSnapshot().context;
    expect(context).toMatchObject({ exchanges: 1, authKeyId: expect.stringMatching(/^[0-9a-f]{16}$/) });
    // No key material in what a snapshot or the inspector would serialize.
    expect(JSON.stringify(actor.getPersistedSnapshot())).not.toMatch(/[0-9a-f]{64}/);
  });

  it('fails the exchange on an untrusted server key and reports it', async () => {
    const { actor, emitted } = rig({ rsaPem: TELEGRAM_PRODUCTION_RSA_PUBLIC_KEY_PEM });
    actor.send({ type: 'transport.handshaking' });
    await until(() => actor.getSnapshot().value === 'failed');
    expect(emitted.map((e) => e.type)).toEqual(['key.failed']);
    expect(actor.getSnapshot().context.lastFailure).toMatch(/no RSA key we trust/);
    actor.send({ type: 'transport.reconnecting' });
    expect(actor.getSnapshot()).toMatchObject({ value: 'reconnecting', context: { reconnects: 1 } });
  });

  it('gives up on a silent server after the handshake timeout on the injected clock', async () => {
    const { actor, clock, emitted } = rig({ silent: true });
    actor.send({ type: 'transport.handshaking' });
    await settle();
    clock.advance(19_999);
    expect(actor.getSnapshot().value).toEqual({ exchangingPermKey: 'awaitingResPq' });
    clock.advance(1);
    expect(actor.getSnapshot().value).toBe('failed');
    expect(emitted.map((e) => e.type)).toEqual(['key.failed']);
  });

  it('follows the connection: reconnecting and back, and -404 drops the key and exchanges again', async () => {
    const { actor, emitted } = rig();
    actor.send({ type: 'transport.handshaking' });
    await until(() => actor.getSnapshot().value === 'ready');
    actor.send({ type: 'transport.reconnecting' });
    expect(actor.getSnapshot().value).toBe('reconnecting');
    actor.send({ type: 'transport.ready' });
    expect(actor.getSnapshot().value).toBe('ready');
    const firstId = actor.getSnapshot().context.authKeyId;
    actor.send({ type: 'transport.handshaking' });
    await until(() => actor.getSnapshot().value === 'ready');
    expect(emitted.map((e) => e.type)).toEqual(['key.created', 'key.dropped', 'key.created']);
    expect(actor.getSnapshot().context.exchanges).toBe(2);
    expect(actor.getSnapshot().context.authKeyId).not.toBe(firstId);
    actor.send({ type: 'transport.closed' });
    expect(actor.getSnapshot().status).toBe('done');
  });

  it('a stored key goes straight to ready when the connection opens', () => {
    const { actor } = rig();
    actor.send({ type: 'transport.ready' });
    expect(actor.getSnapshot().value).toBe('ready');
  });

  it('no connection to run on fails the exchange instead of hanging', async () => {
    const { actor, detach } = rig();
    detach();
    actor.send({ type: 'transport.handshaking' });
    await until(() => actor.getSnapshot().value === 'failed');
  });
});
