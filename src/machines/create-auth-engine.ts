/**
 * `createAuthEngine`: one XState actor system per engine, wrapped in a small store-like facade —
 * `state$` (emits the current view on subscribe, which actors do not), `getSnapshot()`,
 * `subscribe`, `send`, `on('command.rejected')`, and the interop key so `from(engine)` works.
 */
import {
  BehaviorSubject,
  distinctUntilChanged,
  type InteropObservable,
  type Observable,
  type Observer,
  type Subscription,
} from 'rxjs';
import { createActor, type Actor, type InspectionEvent, type Observer as XObserver } from 'xstate';
import { computeSrpCheck, computeSrpVerifier, secureRandom } from '../crypto/index.js';
import { authViewOf } from './auth-view-of.js';
import type { AuthView } from './auth-view.js';
import { createAuthActors } from './auth.actors.js';
import { authMachine } from './auth.machine.js';
import { callRpc } from './call-rpc.js';
import { sealCommand, type AuthCommand, type CommandRejected } from './commands.js';
import type { SrpCrypto } from './password.actors.js';
import type { AuthRpc, Clock, CodeSettingsOptions, FirebaseHost, PaymentHost, Random, SessionStore } from './ports.js';
import { memoryStore, SessionKeeper } from './session.js';
import { sameView } from './same-view.js';

/** Where the login starts when the session names no home DC. */
export type DcSelection = 'production' | 'test' | readonly { readonly id: number }[];

export interface AuthEngineOptions {
  apiId: number;
  apiHash: string;
  /** How the engine reaches the DCs (a transport-backed implementation, or a stub in tests). */
  rpc: AuthRpc;
  /** Picks the first DC of a login (production and test: DC 2, as official apps do). Default 'production'. */
  dcs?: DcSelection;
  store?: SessionStore;
  /** Drives every machine timer (resend countdown, flood wait). Default: the platform timers via XState. */
  clock?: Clock;
  random?: Random;
  /** SRP math; default the crypto layer's pure implementation. */
  srp?: SrpCrypto;
  codeSettings?: CodeSettingsOptions;
  firebase?: FirebaseHost;
  payment?: PaymentHost;
  /** XState inspection observer. Secrets reach it only as `Secret` handles (`[secret]`). Off by default. */
  inspect?: (event: InspectionEvent) => void;
}

/** A running engine. */
export interface AuthEngine extends InteropObservable<AuthView> {
  /** The current view first, then every visible change. Completes when the engine stops. */
  readonly state$: Observable<AuthView>;
  getSnapshot(): AuthView;
  /** Store contract (React useSyncExternalStore, Svelte `$engine`, @xstate/* useSelector): calls back at once. */
  subscribe(observer: Partial<Observer<AuthView>> | ((view: AuthView) => void)): Subscription;
  send(command: AuthCommand): void;
  /** Listens to `command.rejected` (a command the current state does not expect was ignored). */
  on(type: 'command.rejected', listener: (event: CommandRejected) => void): { unsubscribe(): void };
  readonly actor: Actor<typeof authMachine>;
  /** Cancels a pending login code (best effort), closes the view and stops every actor. */
  stop(): void;
}

const defaultSrp: SrpCrypto = {
  computeSrpCheck: (params, random) => computeSrpCheck(params, random),
  computeSrpVerifier: (password, salt1, salt2, g, p) => computeSrpVerifier(password, salt1, salt2, g, p),
};

function defaultDcOf(dcs: DcSelection | undefined): number {
  if (dcs === undefined || dcs === 'production' || dcs === 'test') return 2;
  return dcs[0]?.id ?? 2;
}

/** Creates and starts an engine. */
export function createAuthEngine(options: AuthEngineOptions): AuthEngine {
  const defaultDcId = defaultDcOf(options.dcs);
  const session = new SessionKeeper(options.store ?? memoryStore(), defaultDcId);
  const machine = authMachine.provide({
    actors: createAuthActors({
      rpc: options.rpc,
      apiId: options.apiId,
      apiHash: options.apiHash,
      session,
      random: options.random ?? secureRandom,
      srp: options.srp ?? defaultSrp,
      ...(options.codeSettings ? { codeSettings: options.codeSettings } : {}),
      ...(options.firebase ? { firebase: options.firebase } : {}),
      ...(options.payment ? { payment: options.payment } : {}),
    }),
  });
  const actor = createActor(machine, {
    input: { defaultDcId, firebase: options.firebase !== undefined, payment: options.payment !== undefined },
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.inspect ? { inspect: options.inspect } : {}),
  });
  const view$ = new BehaviorSubject<AuthView>(authViewOf(actor.getSnapshot()));
  const rootObserver: XObserver<ReturnType<typeof actor.getSnapshot>> = {
    next: (snapshot) => {
      const view = authViewOf(snapshot);
      if (!sameView(view, view$.value)) view$.next(view);
    },
    // An errored root would otherwise become an uncaught exception (xstate-notes §1.7).
    error: (error) => view$.error(error),
    complete: () => view$.complete(),
  };
  actor.subscribe(rootObserver);
  actor.start();

  const state$ = view$.pipe(distinctUntilChanged());
  const subscribe = (observer: Partial<Observer<AuthView>> | ((view: AuthView) => void)): Subscription =>
    typeof observer === 'function' ? state$.subscribe(observer) : state$.subscribe(observer);

  function cancelPendingCode(): void {
    const child = actor.getSnapshot().children.phoneLogin?.getSnapshot();
    const status = view$.value.status;
    if (!child?.context.phoneCodeHash || !['waitCode', 'waitEmailCode', 'waitRegistration', 'waitPayment'].includes(status)) {
      return;
    }
    const { dcId, phone, phoneCodeHash } = child.context;
    // auth.cancelCode: fire and forget; the engine is going away and the code expires anyway.
    callRpc(options.rpc, dcId, { _: 'auth.cancelCode', phoneNumber: phone, phoneCodeHash }).catch(() => undefined);
  }

  const engine: Omit<AuthEngine, typeof Symbol.observable> = {
    state$,
    getSnapshot: () => view$.value,
    subscribe,
    send: (command) => actor.send(sealCommand(command)),
    on: (type, listener) => actor.on(type, listener),
    actor,
    stop() {
      if (actor.getSnapshot().status !== 'active') return;
      cancelPendingCode();
      actor.send({ type: 'engine.close' });
      actor.stop();
      view$.complete();
    },
  };
  // rxjs `from()` looks for Symbol.observable when the platform has it, else '@@observable'.
  const interop = () => ({ subscribe: (observer: Partial<Observer<AuthView>>) => state$.subscribe(observer) });
  const observableKey: symbol | string = (typeof Symbol === 'function' && Symbol.observable) || '@@observable';
  Object.defineProperty(engine, observableKey, { value: interop });
  return engine as AuthEngine;
}
