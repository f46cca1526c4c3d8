/**
 * Per-DC key lifecycle, permanent key (docs/ARCHITECTURE.md "The actor system", core.telegram.org/mtproto/auth_key):
 *
 *   disconnected -> exchangingPermKey (awaitingResPq -> awaitingServerDhParams -> awaitingDhGenAnswer)
 *     -> ready <-> reconnecting;  ready --(-404: key unknown to the server)--> exchangingPermKey
 *
 * The machine only sequences the pure client steps of transport/handshake (startExchange, onResPq,
 * onServerDhParams, onDhGenAnswer); the `plainLink` actor moves their requests and answers over the
 * connection that needs the key. The connection itself (dial, backoff on the injected clock,
 * resend on reconnect) is the transport's `DcConnection`: it reports `transport.*` facts here and
 * asks for a key by announcing `transport.handshaking`. Keys and handshake state stay `Sealed`.
 *
 * With PFS (input `pfs`, core.telegram.org/api/pfs): exchangingPermKey (only when no permanent key is stored)
 *   -> exchangingTempKey (p_q_inner_data_temp_dc) -> binding (auth.bindTempAuthKey) -> ready;
 *   ready --tempKey.rotate--> rotating.{awaitingConnection -> exchangingTempKey -> binding} -> ready
 *   (the transport keeps the old key's connection until its replies are in); a failed step goes to
 *   rotating.failed, which reports it so the new connection backs off and asks again;
 *   -404 in ready: the temp key is gone, make and bind a new one (permanent key kept);
 *   ENCRYPTED_MESSAGE_INVALID on bind: the server does not know the permanent key (it was reset):
 *   drop it and make a new one, which is not logged in (`permKeyLost` counts it for the host).
 *
 * No timer here: a request the server leaves unanswered for the handshake timeout fails its step
 * through the actor that sent it (`plain.failed`, or the bind's error, `AuthEngineError('dc.silent')`),
 * timed from each request and only after the I/O already waiting was read (dc-key/silence-timer.ts). A
 * timer over the whole exchange, armed on entry, threw away exchanges whose answers had arrived
 * while the event loop was busy, and exchanges still moving step by step (the scale bench, issue 11).
 *
 * Its descriptions live in dc-key/descriptions.ts, out of the runtime bundle (issue 11).
 */
import { assign, emit, enqueueActions, setup, type ActorRefFrom } from 'xstate';
import type { TlAny, TlMethod } from '../../tl/index.js';
import { abandonExchange, onDhGenAnswer, onResPq, onServerDhParams, startExchange, type AwaitingDhGenAnswer, type AwaitingResPq, type AwaitingServerDhParams, type ClientExchangeState, type DhGenAnswer, type DcAuthKey, type ResPq, type ServerDhParamsOk, RpcError } from '../../transport/index.js';
import { authKeyId, bytesToHex } from '../../crypto/index.js';
import { bindStep, handshakeSteps, tempKeySteps } from './temp-key-states.js';
import {
  bindTempKeyActor,
  plainLinkActor,
  type BindDeps,
  type PlainSend,
  type PendingTempKey,
} from './actors.js';
import { sealed, type Sealed, resolverOf, type DepsSource } from '../core/index.js';
import type { DcKeyContext, DcKeyDeps, DcKeyEmitted, DcKeyEvent, DcKeyInput, StepOutcome } from './types.js';

export type { DcKeyContext, DcKeyDeps, DcKeyEmitted, DcKeyEvent, DcKeyInput, RotateCommand, TransportFact } from './types.js';


/** Runs one pure step; a thrown check becomes an `exchange.failed` fact instead of an actor crash. */
function attempt<T>(step: () => T): { ok: T } | { error: unknown } {
  try {
    return { ok: step() };
  } catch (error) {
    return { error };
  }
}

/** The bind actor's view of the machine's deps (delegates: deps may be a class with prototype methods). */
class BindView implements BindDeps {
  constructor(private readonly deps: DcKeyDeps) {}
  get clock(): DcKeyDeps['clock'] {
    return this.deps.clock;
  }
  get random(): BindDeps['random'] {
    return this.deps.env.random;
  }
  get crypto(): BindDeps['crypto'] {
    return this.deps.env.crypto;
  }
  get handshakeTimeoutMs(): number | undefined {
    return this.deps.handshakeTimeoutMs;
  }
  currentDuplex(): ReturnType<DcKeyDeps['currentDuplex']> {
    return this.deps.currentDuplex();
  }
  permKey(): ReturnType<BindDeps['permKey']> {
    return this.deps.permKey?.();
  }
}

/**
 * One handshake step's request for the plain link, with how to abandon the step: the link calls
 * it when it is torn down (failure, a new exchange, or the engine stopped: XState runs no exit
 * actions on stop), so a worker skips powers nobody will read.
 */
function plainSend(step: { state: ClientExchangeState; request: TlMethod }): PlainSend {
  return { type: 'plain.send', request: step.request, abandon: () => abandonExchange(step.state) };
}

/**
 * Builds the key machine: for fixed `deps` (its steps use their randomness, crypto and RSA keys),
 * or with deps looked up per actor system (the transport builds the machine once per process that
 * way and binds each DC link's deps to its key actor's system; see core/system-deps.ts).
 */
export function createDcKeyMachine(source: DepsSource<DcKeyDeps>) {
  const at = resolverOf(source);
  return setup({
    types: {
      context: {} as DcKeyContext,
      events: {} as DcKeyEvent,
      input: {} as DcKeyInput,
      emitted: {} as DcKeyEmitted,
      tags: {} as 'exchanging' | 'ready',
    },
    actors: { plainLink: plainLinkActor(at), bindTempKey: bindTempKeyActor((system) => new BindView(at(system))) },
    guards: {
      isPfs: ({ context }) => context.pfsExpiresIn !== undefined,
      hasPermKey: ({ context }) => context.authKeyId !== undefined,
      canRebuildTemp: ({ context }) => context.pfsExpiresIn !== undefined && context.authKeyId !== undefined,
      /** core.telegram.org/method/auth.bindTempAuthKey: the server could not decrypt the inner message with the permanent key: it does not know it. */
      isPermKeyUnknown: ({ event }) => {
        const error = (event as { error?: unknown }).error;
        return error instanceof RpcError && error.type === 'ENCRYPTED_MESSAGE_INVALID';
      },
    },
    actions: {
      /** `req_pq_multi#be7e8ef1 nonce:int128 = ResPQ;` */
      startExchange: enqueueActions(({ context, enqueue, system }) => {
        const s = startExchange({ dcId: context.dcId, test: context.test, media: context.media }, at(system).env);
        enqueue.assign({ exchange: sealed<ClientExchangeState>(s.state), lastFailure: undefined });
        enqueue.sendTo('plainLink', plainSend(s));
      }),
      /** Same exchange with `p_q_inner_data_temp_dc ... expires_in:int` (core.telegram.org/api/pfs). */
      startTempExchange: enqueueActions(({ context, enqueue, system }) => {
        const temp = { expiresIn: context.pfsExpiresIn! };
        const s = startExchange({ dcId: context.dcId, test: context.test, media: context.media, temp }, at(system).env);
        enqueue.assign({ exchange: sealed<ClientExchangeState>(s.state), lastFailure: undefined });
        enqueue.sendTo('plainLink', plainSend(s));
      }),
      /** resPQ -> req_DH_params (RSA_PAD of p_q_inner_data_dc). */
      answerResPq: enqueueActions(({ context, event, enqueue, system }) => {
        const body = (event as { body: TlAny }).body;
        const { rsaKeys, env } = at(system);
        const r = attempt(() => onResPq(context.exchange!.open() as AwaitingResPq, body as ResPq, rsaKeys, env));
        if ('error' in r) return enqueue.raise({ type: 'exchange.failed', error: r.error });
        enqueue.assign({ exchange: sealed<ClientExchangeState>(r.ok.state) });
        enqueue.sendTo('plainLink', plainSend(r.ok));
      }),
      /** server_DH_params_ok -> set_client_DH_params (g_b, candidate auth key). */
      answerServerDhParams: enqueueActions(({ context, event, enqueue, system }) => {
        const body = (event as { body: TlAny }).body;
        const state = context.exchange!.open() as AwaitingServerDhParams;
        const { env } = at(system);
        const r = attempt(() => onServerDhParams(state, body as ServerDhParamsOk, env));
        if ('error' in r) return enqueue.raise({ type: 'exchange.failed', error: r.error });
        enqueue.assign({ exchange: sealed<ClientExchangeState>(r.ok.state) });
        enqueue.sendTo('plainLink', plainSend(r.ok));
      }),
      /** dh_gen_ok -> key; dh_gen_retry -> another set_client_DH_params; dh_gen_fail -> failed. */
      answerDhGen: enqueueActions(({ context, event, enqueue, system }) => {
        const body = (event as { body: TlAny }).body;
        const { env } = at(system);
        const r = attempt(() => onDhGenAnswer(context.exchange!.open() as AwaitingDhGenAnswer, body as DhGenAnswer, env));
        if ('error' in r) return enqueue.raise({ type: 'exchange.failed', error: r.error });
        const outcome = r.ok;
        if ('fail' in outcome) return enqueue.raise({ type: 'exchange.failed', error: outcome.fail.reason });
        if ('retry' in outcome) {
          enqueue.assign({ exchange: sealed<ClientExchangeState>(outcome.retry.state) });
          return enqueue.sendTo('plainLink', plainSend(outcome.retry));
        }
        const { done } = outcome;
        const key = sealed<DcAuthKey>({ key: done.authKey, serverSalt: done.serverSalt, timeOffset: done.timeOffset });
        enqueue.raise({ type: 'exchange.done', key, authKeyId: bytesToHex(done.authKeyId), expiresAt: done.expiresAt, timeOffset: done.timeOffset });
      }),
      storeKey: assign(({ context, event }) => ({
        authKeyId: (event as { authKeyId: string }).authKeyId,
        exchange: undefined,
        exchanges: context.exchanges + 1,
      })),
      announceKey: emit(({ context, event }) => ({
        type: 'key.created' as const,
        dcId: context.dcId,
        key: (event as { key: Sealed<DcAuthKey> }).key,
      })),
      // The failed exchange's started powers are cancelled by its plain link's teardown (plainSend).
      recordFailure: assign(({ event }) => {
        const error = (event as { error?: unknown }).error;
        return { exchange: undefined, lastFailure: error instanceof Error ? error.message : String(error ?? 'timeout') };
      }),
      reportFailure: emit(({ context, event }) => ({
        type: 'key.failed' as const,
        dcId: context.dcId,
        error: (event as { error?: unknown }).error ?? 'handshake timeout',
      })),
      dropKey: enqueueActions(({ context, enqueue }) => {
        enqueue.assign({ authKeyId: undefined });
        enqueue.emit({ type: 'key.dropped', dcId: context.dcId });
      }),
      countReconnect: assign(({ context }) => ({ reconnects: context.reconnects + 1 })),
      holdTempKey: assign(({ event }) => {
        const e = event as Extract<StepOutcome, { type: 'exchange.done' }>;
        const k = e.key.open();
        const temp = { key: k.key, serverSalt: k.serverSalt, expiresAt: e.expiresAt ?? 0, timeOffset: e.timeOffset };
        return { exchange: undefined, pendingTemp: sealed<PendingTempKey>(temp) };
      }),
      announceTempKey: enqueueActions(({ context, enqueue, system }) => {
        const t = context.pendingTemp!.open();
        const id = bytesToHex(authKeyId(t.key, at(system).env.crypto));
        enqueue.assign({ pendingTemp: undefined, tempKeyId: id, tempExpiresAt: t.expiresAt, binds: context.binds + 1 });
        const key = sealed<DcAuthKey>({ key: t.key, serverSalt: t.serverSalt, timeOffset: t.timeOffset });
        enqueue.emit({ type: 'tempKey.bound', dcId: context.dcId, key, authKeyId: id, expiresAt: t.expiresAt });
      }),
      countRotation: assign(({ context }) => ({ rotations: context.rotations + 1 })),
      losePermKey: enqueueActions(({ context, enqueue }) => {
        enqueue.assign({ authKeyId: undefined, pendingTemp: undefined, permKeyLost: context.permKeyLost + 1 });
        enqueue.emit({ type: 'key.dropped', dcId: context.dcId });
      }),
    },
  }).createMachine({
    id: 'dcKey',
    context: ({ input }) => ({
      dcId: input.dcId,
      test: input.test === true,
      media: input.media === true,
      authKeyId: input.storedKeyId,
      exchanges: 0,
      reconnects: 0,
      pfsExpiresIn: input.pfs?.expiresIn,
      binds: 0,
      rotations: 0,
      permKeyLost: 0,
    }),
    initial: 'disconnected',
    on: { 'transport.closed': '.closed' },
    states: {
      disconnected: {
        on: {
          'transport.handshaking': [
            { guard: 'canRebuildTemp', target: 'exchangingTempKey' },
            { target: 'exchangingPermKey' },
          ],
          'transport.ready': 'ready',
        },
      },
      exchangingPermKey: {
        tags: ['exchanging'],
        // The first request goes out from the initial transition: its actions run after the link is spawned.
        initial: { target: 'awaitingResPq', actions: 'startExchange' },
        invoke: { id: 'plainLink', src: 'plainLink' },
        on: {
          'exchange.failed': { target: 'failed', actions: 'recordFailure' },
          'plain.failed': { target: 'failed', actions: 'recordFailure' },
          'exchange.done': [
            { guard: 'isPfs', target: 'exchangingTempKey', actions: ['storeKey', 'announceKey'] },
            { target: 'ready', actions: ['storeKey', 'announceKey'] },
          ],
          'transport.reconnecting': { target: 'reconnecting', actions: 'countReconnect' },
          'transport.handshaking': { target: 'exchangingPermKey', reenter: true },
        },
        states: handshakeSteps,
      },
      exchangingTempKey: {
        tags: ['exchanging'],
        ...tempKeySteps('#dcKey.binding', '#dcKey.failed'),
        on: {
          ...tempKeySteps('#dcKey.binding', '#dcKey.failed').on,
          'transport.reconnecting': { target: 'reconnecting', actions: 'countReconnect' },
          'transport.handshaking': { target: 'exchangingTempKey', reenter: true },
        },
      },
      binding: {
        tags: ['exchanging'],
        ...bindStep('#dcKey.ready', '#dcKey.failed'),
        on: {
          'transport.reconnecting': { target: 'reconnecting', actions: 'countReconnect' },
          'transport.handshaking': { target: 'exchangingTempKey' },
        },
      },
      rotating: {
        tags: ['ready'],
        initial: 'awaitingConnection',
        states: {
          awaitingConnection: { on: { 'transport.handshaking': 'exchangingTempKey' } },
          exchangingTempKey: {
            ...tempKeySteps('#dcKey.rotating.binding', '#dcKey.rotating.failed'),
            on: {
              ...tempKeySteps('#dcKey.rotating.binding', '#dcKey.rotating.failed').on,
              'transport.handshaking': { target: 'exchangingTempKey', reenter: true },
            },
          },
          binding: {
            ...bindStep('#dcKey.ready', '#dcKey.rotating.failed', true),
            on: { 'transport.handshaking': 'exchangingTempKey' },
          },
          failed: {
            // Reported so the new connection's handshake is rejected: it backs off and asks again.
            // Waiting silently for a `transport.handshaking` that no connection will send hung every
            // call parked on that connection (e.g. the handshake timeout firing in a clock jump).
            entry: 'reportFailure',
            on: { 'transport.handshaking': 'exchangingTempKey' },
          },
        },
      },
      failed: {
        entry: 'reportFailure',
        on: {
          'transport.reconnecting': { target: 'reconnecting', actions: 'countReconnect' },
          'transport.handshaking': [{ guard: 'canRebuildTemp', target: 'exchangingTempKey' }, { target: 'exchangingPermKey' }],
        },
      },
      ready: {
        tags: ['ready'],
        on: {
          'transport.reconnecting': { target: 'reconnecting', actions: 'countReconnect' },
          'tempKey.rotate': { guard: 'canRebuildTemp', target: 'rotating' },
          'transport.handshaking': [
            { guard: 'canRebuildTemp', target: 'exchangingTempKey' },
            { target: 'exchangingPermKey', actions: 'dropKey' },
          ],
        },
      },
      reconnecting: {
        on: {
          'transport.ready': 'ready',
          'transport.handshaking': [
            { guard: 'canRebuildTemp', target: 'exchangingTempKey' },
            { guard: 'hasPermKey', target: 'exchangingPermKey', actions: 'dropKey' },
            { target: 'exchangingPermKey' },
          ],
        },
      },
      closed: { type: 'final' },
    },
  });
}

/** The machine type (for typing actor refs). */
export type DcKeyMachine = ReturnType<typeof createDcKeyMachine>;
export type DcKeyActor = ActorRefFrom<DcKeyMachine>;
