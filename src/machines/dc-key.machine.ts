/**
 * Per-DC key lifecycle, permanent key (DESIGN.md "dc[N]", PROTOCOL.md §C):
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
 * Room for PFS (another issue): `exchangingTempKey -> binding` between `exchangingPermKey` and
 * `ready`, and `ready.rotating` for temp-key renewal, named as DESIGN.md does.
 */
import { assign, emit, enqueueActions, setup, type ActorRefFrom } from 'xstate';
import type { RsaPublicKey } from '../crypto/index.js';
import type { TlAny } from '../tl/index.js';
import {
  onDhGenAnswer,
  onResPq,
  onServerDhParams,
  startExchange,
  type AwaitingDhGenAnswer,
  type AwaitingResPq,
  type AwaitingServerDhParams,
  type ClientExchangeState,
  type DhGenAnswer,
  type DcAuthKey,
  type HandshakeEnv,
  type ResPq,
  type ServerDhParamsOk,
} from '../transport/index.js';
import { plainLinkActor, type PlainLinkDeps, type PlainLinkEvent } from './dc-key.actors.js';
import { sealed, type Sealed } from './rpc/sealed.js';

/** What the key machine is told about the DC (no key material: XState persists inputs). */
export interface DcKeyInput {
  dcId: number;
  test?: boolean;
  media?: boolean;
  /** Hex auth_key_id of a stored key the connection starts with, if any. */
  storedKeyId?: string;
}

export interface DcKeyContext {
  dcId: number;
  test: boolean;
  media: boolean;
  /** Hex auth_key_id of the current key (public: it heads every encrypted message). */
  authKeyId?: string | undefined;
  exchange?: Sealed<ClientExchangeState> | undefined;
  /** Completed exchanges and connection losses, for the inspector and metrics. */
  exchanges: number;
  reconnects: number;
  /** Why the last exchange failed (message only; never key material). */
  lastFailure?: string | undefined;
}

/** Facts from the DC connection. */
export type TransportFact =
  | { type: 'transport.handshaking' }
  | { type: 'transport.ready' }
  | { type: 'transport.reconnecting' }
  | { type: 'transport.closed' };

/** Internal outcomes of a step. */
type StepOutcome = { type: 'exchange.done'; key: Sealed<DcAuthKey>; authKeyId: string } | { type: 'exchange.failed'; error: unknown };

export type DcKeyEvent = TransportFact | PlainLinkEvent | StepOutcome;

/** Emitted: a new key to persist and hand to the connection; a failed exchange; a dropped key. */
export type DcKeyEmitted =
  | { type: 'key.created'; dcId: number; key: Sealed<DcAuthKey> }
  | { type: 'key.failed'; dcId: number; error: unknown }
  | { type: 'key.dropped'; dcId: number };

/** What the machine needs from the world. */
export interface DcKeyDeps extends PlainLinkDeps {
  env: HandshakeEnv;
  /** The RSA public keys the server may present (resPQ fingerprints). */
  rsaKeys: readonly RsaPublicKey[];
  /** How long one exchange may take before it is abandoned. Default 20 s. */
  handshakeTimeoutMs?: number;
}

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** Runs one pure step; a thrown check becomes an `exchange.failed` fact instead of an actor crash. */
function attempt<T>(step: () => T): { ok: T } | { error: unknown } {
  try {
    return { ok: step() };
  } catch (error) {
    return { error };
  }
}

/** Builds the key machine for one engine (the steps close over its randomness, crypto and RSA keys). */
export function createDcKeyMachine(deps: DcKeyDeps) {
  const { env, rsaKeys } = deps;
  return setup({
    types: {
      context: {} as DcKeyContext,
      events: {} as DcKeyEvent,
      input: {} as DcKeyInput,
      emitted: {} as DcKeyEmitted,
      tags: {} as 'exchanging' | 'ready',
    },
    actors: { plainLink: plainLinkActor(deps) },
    delays: { handshakeTimeout: deps.handshakeTimeoutMs ?? 20_000 },
    actions: {
      /** `req_pq_multi#be7e8ef1 nonce:int128 = ResPQ;` */
      startExchange: enqueueActions(({ context, enqueue }) => {
        const s = startExchange({ dcId: context.dcId, test: context.test, media: context.media }, env);
        enqueue.assign({ exchange: sealed<ClientExchangeState>(s.state), lastFailure: undefined });
        enqueue.sendTo('plainLink', { type: 'plain.send', request: s.request });
      }),
      /** resPQ -> req_DH_params (RSA_PAD of p_q_inner_data_dc). */
      answerResPq: enqueueActions(({ context, event, enqueue }) => {
        const body = (event as { body: TlAny }).body;
        const r = attempt(() => onResPq(context.exchange!.open() as AwaitingResPq, body as ResPq, rsaKeys, env));
        if ('error' in r) return enqueue.raise({ type: 'exchange.failed', error: r.error });
        enqueue.assign({ exchange: sealed<ClientExchangeState>(r.ok.state) });
        enqueue.sendTo('plainLink', { type: 'plain.send', request: r.ok.request });
      }),
      /** server_DH_params_ok -> set_client_DH_params (g_b, candidate auth key). */
      answerServerDhParams: enqueueActions(({ context, event, enqueue }) => {
        const body = (event as { body: TlAny }).body;
        const state = context.exchange!.open() as AwaitingServerDhParams;
        const r = attempt(() => onServerDhParams(state, body as ServerDhParamsOk, env));
        if ('error' in r) return enqueue.raise({ type: 'exchange.failed', error: r.error });
        enqueue.assign({ exchange: sealed<ClientExchangeState>(r.ok.state) });
        enqueue.sendTo('plainLink', { type: 'plain.send', request: r.ok.request });
      }),
      /** dh_gen_ok -> key; dh_gen_retry -> another set_client_DH_params; dh_gen_fail -> failed. */
      answerDhGen: enqueueActions(({ context, event, enqueue }) => {
        const body = (event as { body: TlAny }).body;
        const r = attempt(() => onDhGenAnswer(context.exchange!.open() as AwaitingDhGenAnswer, body as DhGenAnswer, env));
        if ('error' in r) return enqueue.raise({ type: 'exchange.failed', error: r.error });
        const outcome = r.ok;
        if ('fail' in outcome) return enqueue.raise({ type: 'exchange.failed', error: outcome.fail.reason });
        if ('retry' in outcome) {
          enqueue.assign({ exchange: sealed<ClientExchangeState>(outcome.retry.state) });
          return enqueue.sendTo('plainLink', { type: 'plain.send', request: outcome.retry.request });
        }
        const key = sealed<DcAuthKey>({ key: outcome.done.authKey, serverSalt: outcome.done.serverSalt });
        enqueue.raise({ type: 'exchange.done', key, authKeyId: hex(outcome.done.authKeyId) });
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
    }),
    initial: 'disconnected',
    on: { 'transport.closed': '.closed' },
    states: {
      disconnected: {
        description: 'no connection yet; a stored key goes straight to ready when the connection opens',
        on: {
          'transport.handshaking': 'exchangingPermKey',
          'transport.ready': 'ready',
        },
      },
      exchangingPermKey: {
        tags: ['exchanging'],
        // The first request goes out from the initial transition: its actions run after the link is spawned.
        initial: { target: 'awaitingResPq', actions: 'startExchange' },
        invoke: { id: 'plainLink', src: 'plainLink' },
        after: { handshakeTimeout: { target: 'failed', actions: 'recordFailure', description: 'the server stopped answering' } },
        on: {
          'exchange.failed': { target: 'failed', actions: 'recordFailure' },
          'plain.failed': { target: 'failed', actions: 'recordFailure' },
          'exchange.done': { target: 'ready', actions: ['storeKey', 'announceKey'] },
          'transport.reconnecting': { target: 'reconnecting', actions: 'countReconnect', description: 'the connection dropped mid-exchange' },
          'transport.handshaking': { target: 'exchangingPermKey', reenter: true, description: 'a new connection: start over' },
        },
        states: {
          awaitingResPq: { on: { 'plain.received': { target: 'awaitingServerDhParams', actions: 'answerResPq' } } },
          awaitingServerDhParams: { on: { 'plain.received': { target: 'awaitingDhGenAnswer', actions: 'answerServerDhParams' } } },
          awaitingDhGenAnswer: { on: { 'plain.received': { actions: 'answerDhGen', description: 'ok, retry (same state) or fail' } } },
        },
      },
      failed: {
        description: 'the exchange failed; the connection backs off and asks again',
        entry: 'reportFailure',
        on: {
          'transport.reconnecting': { target: 'reconnecting', actions: 'countReconnect' },
          'transport.handshaking': 'exchangingPermKey',
        },
      },
      ready: {
        tags: ['ready'],
        on: {
          'transport.reconnecting': { target: 'reconnecting', actions: 'countReconnect' },
          'transport.handshaking': {
            target: 'exchangingPermKey',
            actions: 'dropKey',
            description: 'transport error -404: the server does not know our key; drop it and make a new one',
          },
        },
      },
      reconnecting: {
        description: 'transport lost: the connection redials after a backoff delay on the injected clock',
        on: {
          'transport.ready': 'ready',
          'transport.handshaking': [
            { guard: ({ context }) => context.authKeyId !== undefined, target: 'exchangingPermKey', actions: 'dropKey' },
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
