/**
 * I/O for the per-DC key machine: the plain-message link of the key exchange (core.telegram.org/mtproto/transports,
 * core.telegram.org/mtproto/description "Unencrypted Message"). The machine never sees bytes: this actor wraps each request it is told to send in an
 * unencrypted message and parses each answer back to a TL object for the machine's next step.
 * With PFS, the bind actor sends auth.bindTempAuthKey on the same connection (core.telegram.org/method/auth.bindTempAuthKey).
 */
import { fromCallback, fromPromise } from 'xstate';
import type { CryptoProvider, Random } from '../../crypto/index.js';
import { bindTempKeyOver } from './bind-link.js';
import { type Sealed, resolverOf, type DepsSource, AuthEngineError } from '../core/index.js';
import { SilenceTimer } from './silence-timer.js';
import { deserializeObject, serializeObject, type TlAny, type TlMethod } from '../../tl/index.js';
import {
  MsgIdGenerator,
  SilenceError,
  unwrapPlainMessage,
  wrapPlainMessage,
  type Clock,
  type DcAuthKey,
  type Duplex,
} from '../../transport/index.js';

/** Sent by the machine to the link: one handshake request. */
export interface PlainSend {
  type: 'plain.send';
  request: TlMethod;
  /**
   * Cancels what the exchange started for this step (its early powers): called if the link is torn
   * down, stopped with its engine or left for a new exchange, while this is the latest request.
   * After the exchange used them it does nothing.
   */
  abandon?: () => void;
}

/** Facts the link reports to the machine. */
export type PlainLinkEvent =
  | { type: 'plain.received'; body: TlAny }
  | { type: 'plain.failed'; error: unknown };

/** How long the server may leave a handshake request unanswered by default (ms). */
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 20_000;

/** Where the link finds the duplex of the connection being keyed (set by whoever dialed it). */
export interface PlainLinkDeps {
  /** The duplex of the connection that needs a key, if one is open. */
  currentDuplex(): Duplex | undefined;
  clock: Clock;
  /**
   * How long the server may leave one request unanswered (ms, default 20 s), read when an exchange
   * or bind starts: past it the step fails with `AuthEngineError('dc.silent')` (dc-key/silence-timer.ts).
   */
  readonly handshakeTimeoutMs?: number | undefined;
}

/** The failure of a request the server left unanswered for `ms`. */
export function silentServerError(ms: number): AuthEngineError {
  // The transport's SilenceError as the cause tells a connection that its attempt timed out.
  const message = `the server did not answer within ${ms} ms`;
  return new AuthEngineError('dc.silent', message, { cause: new SilenceError(message) });
}

/**
 * A callback actor bound to the current handshake duplex. A frame that is not a well-formed
 * plain message, or a TL object we cannot parse, fails the exchange: a server that frames its
 * handshake wrongly gets no second guess (the machine restarts from req_pq_multi). So does a request
 * left unanswered for the handshake timeout (`plain.failed` with `AuthEngineError('dc.silent')`).
 */
export function plainLinkActor(source: DepsSource<PlainLinkDeps>) {
  const at = resolverOf(source);
  return fromCallback<PlainSend, void, PlainLinkEvent>(({ sendBack, receive, system }) => {
    const deps = at(system);
    const duplex = deps.currentDuplex();
    if (!duplex) {
      sendBack({ type: 'plain.failed', error: new AuthEngineError('dc.noConnection', 'no connection to run the key exchange on') });
      return undefined;
    }
    const ids = new MsgIdGenerator(deps.clock);
    const ms = deps.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;
    const silence = new SilenceTimer(deps.clock, ms, () => sendBack({ type: 'plain.failed', error: silentServerError(ms) }));
    const subscription = duplex.frames$.subscribe({
      next(payload) {
        silence.heard();
        let body: TlAny;
        try {
          body = deserializeObject(unwrapPlainMessage(payload).body);
        } catch (error) {
          sendBack({ type: 'plain.failed', error });
          return;
        }
        sendBack({ type: 'plain.received', body });
      },
      error: (error: unknown) => sendBack({ type: 'plain.failed', error }),
    });
    let abandon: (() => void) | undefined;
    receive((event) => {
      abandon = event.abandon;
      try {
        duplex.send(wrapPlainMessage(ids.next(0), serializeObject(event.request)));
        silence.expect();
      } catch (error) {
        sendBack({ type: 'plain.failed', error });
      }
    });
    return () => {
      silence.stop();
      subscription.unsubscribe();
      // XState runs no exit actions when an actor stops, but it does run this: the one place that
      // hears about an engine stopped mid-exchange.
      abandon?.();
    };
  });
}

/** What the bind actor needs besides the duplex: the permanent key (from the key store). */
export interface BindDeps extends PlainLinkDeps {
  /** The stored permanent key of this DC. */
  permKey(): DcAuthKey | undefined;
  random: Random;
  crypto: CryptoProvider;
}

/** A temp key made by the handshake, waiting for its bind. */
export interface PendingTempKey {
  key: Uint8Array;
  serverSalt: bigint;
  /** Unix seconds (server time). */
  expiresAt: number;
  timeOffset: number;
}

/** `auth.bindTempAuthKey` over the current handshake duplex (see dc-key/bind-link.ts). */
export function bindTempKeyActor(source: DepsSource<BindDeps>) {
  const at = resolverOf(source);
  return fromPromise<void, { temp: Sealed<PendingTempKey> }>(({ input, system }) => {
    const deps = at(system);
    const duplex = deps.currentDuplex();
    const perm = deps.permKey();
    if (!duplex) return Promise.reject(new AuthEngineError('dc.noConnection', 'no connection to bind the temp key on'));
    if (!perm) return Promise.reject(new AuthEngineError('dc.noPermKey', 'no permanent key to bind the temp key to'));
    const t = input.temp.open();
    return bindTempKeyOver(
      duplex,
      { perm: perm.key, temp: t.key, tempSalt: t.serverSalt, expiresAt: t.expiresAt, timeOffset: t.timeOffset },
      {
        clock: deps.clock,
        random: deps.random,
        crypto: deps.crypto,
        timeoutMs: deps.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS,
      },
    );
  });
}
