/**
 * Issue 26: a login flow whose code a browser build loads on demand. The root waits busy in the
 * flow's `loading` state, invokes the flow once its code is there, and a failed load returns to
 * the phone screen with FLOW_LOAD_FAILED; choosing the method again retries. (Node links every flow
 * eagerly, so here the machine is told the flow is not loaded yet and given a load it controls.)
 */
import { describe, expect, it } from 'vitest';
import { createActor, fromPromise } from 'xstate';
import { AuthEngineError, authMachine, lazyLogic, lazyModule, secret } from '../../src/machines/index.js';

const never = () => new Promise<never>(() => {});

describe('lazyModule', () => {
  it('loads once, keeps the module, and after a failed load tries again', async () => {
    let calls = 0;
    const mod = lazyModule(() =>
      ++calls === 1 ? Promise.reject(new Error('chunk 404')) : Promise.resolve({ n: calls }),
    );
    const failed = await mod.load().catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(AuthEngineError);
    expect(failed).toMatchObject({ code: 'FLOW_LOAD_FAILED', cause: new Error('chunk 404') });
    expect(mod.loaded).toBeUndefined();
    await expect(mod.load()).resolves.toEqual({ n: 2 });
    await expect(mod.load()).resolves.toEqual({ n: 2 });
    expect(calls).toBe(2);
    expect(mod.loaded).toEqual({ n: 2 });
  });

  it('a provided module never loads', async () => {
    const mod = lazyModule<{ n: number }>(() => Promise.reject(new Error('must not load')));
    mod.provide({ n: 7 });
    await expect(mod.load()).resolves.toEqual({ n: 7 });
  });

  it('lazyLogic started before its code loaded is a typed error, not a silent stub', () => {
    const logic = lazyLogic('qrLogin', () => undefined);
    // XState reports a throwing getInitialSnapshot as the actor's error status.
    expect(createActor(logic).getSnapshot()).toMatchObject({
      status: 'error',
      error: { code: 'flow.notLoaded' },
    });
  });
});

describe('the root machine with a flow loaded on demand', () => {
  function rootWithLoad(load: () => Promise<void>) {
    const loads: { resolve: () => void; reject: (e: unknown) => void }[] = [];
    const started: { dcId: number; token: string }[] = [];
    const machine = authMachine.provide({
      guards: { isFlowLoaded: () => false },
      actors: {
        loadSession: fromPromise(async () => ({ homeDcId: 2 })),
        loadFlow: fromPromise(() =>
          load().then(() => new Promise<void>((resolve, reject) => loads.push({ resolve, reject }))),
        ),
        phoneLogin: fromPromise(never) as never,
        qrLogin: fromPromise(never) as never,
        botLogin: fromPromise(async ({ input }: { input: { dcId: number; token: { reveal(): string } } }) => {
          started.push({ dcId: input.dcId, token: input.token.reveal() });
          return never();
        }) as never,
      },
    });
    const actor = createActor(machine, { input: { defaultDcId: 2 } }).start();
    return { actor, loads, started };
  }
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('is busy while the code loads, then runs the flow', async () => {
    const { actor, loads } = rootWithLoad(async () => {});
    await settle();
    expect(actor.getSnapshot().value).toBe('phoneLogin');
    actor.send({ type: 'qr.start' });
    expect(actor.getSnapshot().matches({ qrLogin: 'loading' })).toBe(true);
    expect(actor.getSnapshot().hasTag('busy')).toBe(true);
    expect(actor.getSnapshot().children.qrLogin).toBeUndefined();
    await settle();
    loads[0]!.resolve();
    await settle();
    expect(actor.getSnapshot().matches({ qrLogin: 'running' })).toBe(true);
    expect(actor.getSnapshot().hasTag('busy')).toBe(false);
    expect(actor.getSnapshot().children.qrLogin).toBeDefined();
    actor.stop();
  });

  it('a failed load is an error on the phone screen, and choosing QR again retries', async () => {
    const { actor, loads } = rootWithLoad(async () => {});
    await settle();
    actor.send({ type: 'qr.start' });
    await settle();
    loads[0]!.reject(new AuthEngineError('FLOW_LOAD_FAILED', 'could not load'));
    await settle();
    expect(actor.getSnapshot().value).toBe('phoneLogin');
    expect(actor.getSnapshot().context.error).toMatchObject({ type: 'FLOW_LOAD_FAILED', retryable: true });

    actor.send({ type: 'qr.start' });
    expect(actor.getSnapshot().context.error).toBeUndefined();
    await settle();
    loads[1]!.resolve();
    await settle();
    expect(actor.getSnapshot().matches({ qrLogin: 'running' })).toBe(true);
    actor.stop();
  });

  it('a bot token waits sealed while the token-login code loads, and is wiped when that load fails', async () => {
    const { actor, loads, started } = rootWithLoad(async () => {});
    await settle();
    const first = secret('7000:first');
    actor.send({ type: 'bot.submit', token: first });
    expect(actor.getSnapshot().matches({ botLogin: 'loading' })).toBe(true);
    expect(actor.getSnapshot().hasTag('busy')).toBe(true);
    expect(actor.getSnapshot().children.botLogin).toBeUndefined();
    await settle();
    loads[0]!.reject(new AuthEngineError('FLOW_LOAD_FAILED', 'could not load'));
    await settle();
    expect(actor.getSnapshot().value).toBe('phoneLogin');
    expect(actor.getSnapshot().context.error).toMatchObject({ type: 'FLOW_LOAD_FAILED', retryable: true });
    expect(first.wiped).toBe(true);
    expect(actor.getSnapshot().context.tokenImport).toBeUndefined();

    actor.send({ type: 'bot.submit', token: secret('7000:second') });
    await settle();
    loads[1]!.resolve();
    await settle();
    expect(actor.getSnapshot().matches({ botLogin: 'running' })).toBe(true);
    expect(actor.getSnapshot().hasTag('busy')).toBe(true);
    expect(started).toEqual([{ dcId: 2, token: '7000:second' }]);
    actor.stop();
  });
});
