/**
 * `createAuthEngine`: one XState actor system per engine, wrapped in a small store-like facade —
 * `state$` (emits the current view on subscribe, which actors do not), `getSnapshot()`,
 * `subscribe`, `send`, `on('command.rejected')`, and the interop key so `from(engine)` works.
 */
import type { FirebasePnvFlow } from '../firebase-pnv-login/index.js';
import {
  BehaviorSubject,
  distinctUntilChanged,
  type InteropObservable,
  type Observable,
  type Observer,
  type Subscription,
} from 'rxjs';
import { createActor, type Actor, type InspectionEvent, type Observer as XObserver } from 'xstate';
import { secureRandom, type CryptoProvider } from '../../crypto/index.js';
import type { ResultOf, TlMethod } from '../../tl/index.js';
import { RpcError, type BackoffOptions, type Dial } from '../../transport/index.js';
import { authViewOf } from './auth-view-of.js';
import { assertAuthCommand, type AuthView, callRpc, sealCommand, type AuthCommand } from '../flow-kit/index.js';
import { createAuthActors, authMachine } from '../auth/index.js';
import type { SrpCrypto } from '../password/index.js';
import { EnginePorts, srpOn } from './engine-ports.js';
import { type AuthRpc, type Clock, type CodeSettingsOptions, type FirebaseHost, type PasskeyAuthenticator, type PaymentHost, type Random, type SessionStore, once, systemDeps } from '../core/index.js';
import { resolveDcs, type DcSelection, type RsaKeyInput, type SimulatorConfig, createTransportRpc, type DeviceInfo, type TransportRpc } from '../dc-link/index.js';
import { memoryStore, SessionKeeper } from '../session/index.js';
import { trackPendingLogin, withInput } from './pending-login.js';
import { checkCommandInput, type AuthError, type ErrorMessages } from '../flow-kit/index.js';
import { checkRecoveryCode } from './recovery-check.js';
import { CommandGate, type CommandRejection } from './command-gate.js';
import { AuthOptionsError, validateEngineOptions } from './validate-options.js';
import { sameView } from './same-view.js';

export type { DcSelection } from '../dc-link/index.js';
export type { CommandRejection } from './command-gate.js';
export { AuthOptionsError } from './validate-options.js';

/** Tuning of the built-in transport (with `dial`). */
export interface EngineTransportOptions {
  backoff?: BackoffOptions;
  /** Keepalive period; 0 disables it. Default 60 s. */
  pingIntervalMs?: number;
  /**
   * How long a DC may leave one key-exchange request (or the temp key bind) unanswered before the
   * exchange starts over on a new connection; doubled for each such exchange in a row, up to 8x.
   * Default 20 s.
   */
  handshakeTimeoutMs?: number;
  /**
   * Deadline of one RPC, reconnects and re-sends included: past it the screen shows `DC_TIMEOUT`
   * (retryable) instead of staying busy. Default 120 s; 0 turns it off.
   */
  callTimeoutMs?: number;
}

export interface AuthEngineOptions {
  apiId: number;
  apiHash: string;
  /** How the engine reaches the DCs: a ready `AuthRpc` (a stub in tests), or give `dial` instead. */
  rpc?: AuthRpc;
  /**
   * Opens connections for the built-in transport (`createTransportRpc`): one connection per DC,
   * keys made by the key machine and kept in `store`. Needs `clock` (the machines layer has no timers).
   */
  dial?: Dial;
  /**
   * The DCs: 'production', 'test', an explicit list, or the simulator's printed JSON config as is.
   * Also picks the first DC of a login (production and test: DC 2, as official apps do). Required
   * with `dial`: there is no default, so a forgotten option never dials production Telegram.
   */
  dcs?: DcSelection;
  /** RSA public keys to trust (PEM or parsed); default from `dcs` (see `resolveDcs`). */
  rsaKeys?: readonly RsaKeyInput[];
  /** Lets `{ ...simulatorConfig, dial }` work: the config's key is trusted. */
  rsaPublicKeyPem?: string;
  /** Crypto backend for the transport and the default SRP (default pure TS). */
  crypto?: CryptoProvider;
  /** initConnection device fields. */
  device?: Partial<DeviceInfo>;
  transport?: EngineTransportOptions;
  store?: SessionStore;
  /**
   * Perfect forward secrecy for the built-in transport: temp keys (default TTL one day) bound to
   * each DC's permanent key and rotated before expiry; `false` runs traffic on the permanent key.
   */
  pfs?: { tempKeyTtlSeconds?: number } | false;
  /** Drives every machine timer (resend countdown, flood wait). Default: the platform timers via XState. */
  clock?: Clock;
  random?: Random;
  /** SRP math; default the crypto layer's pure implementation. */
  srp?: SrpCrypto;
  codeSettings?: CodeSettingsOptions;
  firebase?: FirebaseHost;
  payment?: PaymentHost;
  /** The host's WebAuthn authenticator (browserPasskeyAuthenticator, or a software one in Node). */
  passkey?: PasskeyAuthenticator;
  /**
   * Firebase PNV login (opt-in): `firebasePnvFlow(provider)` with the device's phone-number credential
   * (browserFirebasePnvProvider, or a software one). Without it `firebasePnv.start` shows `unsupported`.
   */
  firebasePnv?: FirebasePnvFlow;
  /** XState inspection observer. Secrets reach it only as `Secret` handles (`[secret]`). Off by default. */
  inspect?: (event: InspectionEvent) => void;
  /** Replacement sentences for the views' errors and rejections, by code (a translation); see `ERROR_MESSAGES`. */
  messages?: ErrorMessages;
}

/**
 * What `subscribe` returns: a function (React's useSyncExternalStore and Svelte call it) that is
 * also an object with `unsubscribe` (RxJS-style callers use that).
 */
export type Unsubscribe = (() => void) & { unsubscribe(): void };

/** A running engine. */
export interface AuthEngine extends InteropObservable<AuthView> {
  /** The current view first, then every visible change. Completes when the engine stops. */
  readonly state$: Observable<AuthView>;
  getSnapshot(): AuthView;
  /** Store contract (React useSyncExternalStore, Svelte `$engine`, @xstate/* useSelector): calls back at once. */
  subscribe(observer: Partial<Observer<AuthView>> | ((view: AuthView) => void)): Unsubscribe;
  /**
   * Sends a UI command. A malformed one (not an object, unknown `type`, a field missing or of the
   * wrong type) throws `AuthCommandError` (`code: 'command.invalid'`) and reaches no machine. Typed
   * input that cannot be right (a phone number with letters, an empty or non-digit code) is refused
   * on the spot: `command.rejected` with the reason, and the view shows it as its error.
   */
  send(command: AuthCommand): void;
  /**
   * Listens to `command.rejected`: a command was ignored, with a `reason` code and a `message` to
   * show (`'command.unexpected'`: not possible on this screen; `'phone.invalid'`, `'code.format'`…: the input).
   */
  on(type: 'command.rejected', listener: (event: CommandRejection) => void): { unsubscribe(): void };
  readonly actor: Actor<typeof authMachine>;
  /**
   * Calls `request` for the host on the home DC, or on `dcId`: a DC the login is not valid on yet
   * gets it by export/import first (built-in transport; concurrent calls share one export).
   */
  invoke<M extends TlMethod>(request: M, options?: { dcId?: number }): Promise<ResultOf<M>>;
  /**
   * On `waitPasswordRecovery`: resolves undefined when `code` is the right e-mailed code, else the
   * error to show, so a UI asks for the new password only after a good code (recovery-check.ts).
   */
  checkRecoveryCode(code: string): Promise<AuthError | undefined>;
  /** The built-in transport (keys, connections, PFS state per DC); undefined with a host `rpc`. */
  readonly transport: TransportRpc | undefined;
  /**
   * Cancels a pending login code (best effort), closes the view and stops every actor. With
   * `keepPendingLogin: true` nothing is cancelled and the waiting screen (code, password, QR) is
   * kept in the store, so the next engine on it resumes there (durable engine).
   */
  stop(options?: { keepPendingLogin?: boolean }): void;
}

function defaultDcOf(dcs: DcSelection | undefined): number {
  if (dcs === undefined || dcs === 'production' || dcs === 'test') return 2;
  const list = Array.isArray(dcs) ? (dcs as readonly { id: number }[]) : (dcs as SimulatorConfig).dcs;
  return list[0]?.id ?? 2;
}

/** The built-in transport from `dial` + `dcs`, keys kept in the session. */
function transportFor(options: AuthEngineOptions, session: SessionKeeper): TransportRpc {
  // validateEngineOptions made sure `dial`, `clock` and `dcs` are there.
  const keys = options.rsaKeys ?? (options.rsaPublicKeyPem ? [options.rsaPublicKeyPem] : undefined);
  let resolved;
  try {
    resolved = resolveDcs(options.dcs, keys);
  } catch (error) {
    throw new AuthOptionsError('dcs', error instanceof Error ? `is not usable: ${error.message}` : 'is not usable', { cause: error });
  }
  const t = options.transport ?? {};
  return createTransportRpc({
    dcs: resolved.addresses,
    rsaKeys: resolved.rsaKeys,
    dial: options.dial!,
    clock: options.clock!,
    apiId: options.apiId,
    keys: session,
    ...(options.pfs !== undefined ? { pfs: options.pfs } : {}),
    ...(options.device ? { device: options.device } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.crypto ? { crypto: options.crypto } : {}),
    ...(options.inspect ? { inspect: options.inspect } : {}),
    ...(t.backoff ? { backoff: t.backoff } : {}),
    ...(t.pingIntervalMs !== undefined ? { pingIntervalMs: t.pingIntervalMs } : {}),
    ...(t.handshakeTimeoutMs !== undefined ? { handshakeTimeoutMs: t.handshakeTimeoutMs } : {}),
    ...(t.callTimeoutMs !== undefined ? { callTimeoutMs: t.callTimeoutMs } : {}),
  });
}

const engineDeps = systemDeps<EnginePorts>('engine dependencies');

/**
 * `authMachine` with the real actors, provided ONCE per process: its actors find their engine's
 * ports through the actor system (a machine provided per engine cost ~250 KB of StateNodes, issue 11).
 */
const engineMachine = once(() => {
  const actors = createAuthActors(engineDeps.of);
  const phoneLogin = withInput(actors.phoneLogin, (input, system) => engineDeps.of(system).resumeInput(input));
  return authMachine.provide({ actors: { ...actors, phoneLogin } });
});

/** The engine machine with the opt-in Firebase PNV flow in place of its stand-in, once per flow machine. */
const withFirebasePnv = new WeakMap<FirebasePnvFlow['machine'], ReturnType<typeof engineMachine>>();
function machineFor(flow: FirebasePnvFlow | undefined): ReturnType<typeof engineMachine> {
  if (!flow) return engineMachine();
  let machine = withFirebasePnv.get(flow.machine);
  if (!machine) {
    machine = engineMachine().provide({ actors: { firebasePnvLogin: flow.machine(engineDeps.of) } });
    withFirebasePnv.set(flow.machine, machine);
  }
  return machine;
}

/** Creates and starts an engine. */
export function createAuthEngine(options: AuthEngineOptions): AuthEngine {
  return new Engine(options) as unknown as AuthEngine;
}

type RootSnapshot = ReturnType<Actor<typeof authMachine>['getSnapshot']>;

/**
 * The engine: a class, so an engine costs its fields rather than a closure per helper (issue 11).
 * The store-contract members (getSnapshot, subscribe, send, on, invoke, stop) stay own bound
 * functions: hosts pass them around unbound (`useSyncExternalStore(engine.subscribe, engine.getSnapshot)`).
 */
class Engine {
  readonly state$: Observable<AuthView>;
  readonly actor: Actor<typeof authMachine>;
  readonly transport: TransportRpc | undefined;
  readonly getSnapshot: AuthEngine['getSnapshot'];
  readonly subscribe: AuthEngine['subscribe'];
  readonly send: AuthEngine['send'];
  readonly on: AuthEngine['on'];
  readonly invoke: AuthEngine['invoke'];
  readonly stop: AuthEngine['stop'];
  readonly checkRecoveryCode: AuthEngine['checkRecoveryCode'];
  private readonly view$: BehaviorSubject<AuthView>;
  private readonly rpc: AuthRpc;
  private readonly session: SessionKeeper;
  private readonly clock: Clock | undefined;
  private readonly stopTracking: () => void;
  private readonly gate: CommandGate;

  constructor(options: AuthEngineOptions) {
    validateEngineOptions(options);
    const defaultDcId = defaultDcOf(options.dcs);
    const session = (this.session = new SessionKeeper(options.store ?? memoryStore(), defaultDcId));
    const owned = (this.transport = options.rpc ? undefined : transportFor(options, session));
    const rpc = (this.rpc = options.rpc ?? owned!);
    this.clock = options.clock;
    const ports = new EnginePorts({
      rpc,
      apiId: options.apiId,
      apiHash: options.apiHash,
      session,
      random: options.random ?? secureRandom,
      srp: options.srp ?? srpOn(options.crypto),
      codeSettings: options.codeSettings,
      firebase: options.firebase,
      payment: options.payment,
      passkey: options.passkey,
      firebasePnv: options.firebasePnv?.provider,
      clock: options.clock!,
    });
    const actor = (this.actor = createActor(machineFor(options.firebasePnv), {
      input: { defaultDcId, firebase: options.firebase !== undefined, payment: options.payment !== undefined },
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.inspect ? { inspect: options.inspect } : {}),
    }));
    // Before start: no actor has run yet (invoked actors start with the root).
    engineDeps.bind(actor.system, ports);
    const gate = (this.gate = new CommandGate(options.messages));
    this.view$ = new BehaviorSubject<AuthView>(gate.present(authViewOf(actor.getSnapshot())));
    this.state$ = this.view$.pipe(distinctUntilChanged());
    this.getSnapshot = () => this.view$.value;
    this.subscribe = (observer) => {
      const subscription: Subscription =
        typeof observer === 'function' ? this.state$.subscribe(observer) : this.state$.subscribe(observer);
      return Object.assign(() => subscription.unsubscribe(), { unsubscribe: () => subscription.unsubscribe() });
    };
    this.send = (command) => this.sendChecked(command);
    this.on = (_type, listener) => gate.on(listener);
    gate.listen(actor);
    this.invoke = (request, invokeOptions) => this.invokeFor(request, invokeOptions);
    this.stop = (stopOptions) => this.stopWith(stopOptions);
    this.checkRecoveryCode = (code) => checkRecoveryCode(actor.getSnapshot().children.password, rpc, code);
    actor.subscribe(new ViewFeed(this.view$, gate));
    actor.start();
    // The server forgot the home DC's permanent key (it was reset): the login is gone. The root has no
    // transition of its own for that, so it is surfaced through logout (the session is deauthorized and
    // the view returns to waitPhoneNumber, carrying the server's error).
    this.stopTracking = trackPendingLogin(actor, session, () => ports.now());
    owned?.keyLost$.subscribe((dcId) => {
      if (dcId === session.current.homeDcId && session.current.user !== undefined) this.logoutLostLogin();
    });
  }

  private async invokeFor<M extends TlMethod>(request: M, invokeOptions?: { dcId?: number }): Promise<ResultOf<M>> {
    const { session, rpc, transport: owned } = this;
    const home = session.current.homeDcId;
    const dcId = invokeOptions?.dcId ?? home;
    if (owned && dcId !== home) await owned.ensureAuthorized(dcId, home);
    try {
      return await callRpc(rpc, dcId, request);
    } catch (error) {
      // core.telegram.org/api/pfs: AUTH_KEY_UNREGISTERED on a (bound) key means the login behind it is gone. On another
      // DC the import is redone once; on the home DC the user must log in again (surfaced as logout).
      if (!(error instanceof RpcError) || error.type !== 'AUTH_KEY_UNREGISTERED' || session.current.user === undefined) throw error;
      if (owned && dcId !== home) {
        session.setAuthorized(dcId, false);
        await owned.ensureAuthorized(dcId, home);
        return callRpc(rpc, dcId, request);
      }
      this.logoutLostLogin();
      throw error;
    }
  }

  /** Checks the typed input (a refusal is shown, not sent), then seals and sends. */
  private sendChecked(command: AuthCommand): void {
    assertAuthCommand(command);
    const checked = checkCommandInput(command, this.view$.value);
    if ('reason' in checked) {
      this.gate.refuse(command.type, checked.reason, this.view$.value.status);
      this.view$.next(this.gate.present(authViewOf(this.actor.getSnapshot())));
      return;
    }
    if (this.gate.clearRefusal()) this.view$.next(this.gate.present(authViewOf(this.actor.getSnapshot())));
    this.actor.send(sealCommand(checked.command));
  }

  /**
   * The login is gone on the server: log out, as the engine's own command. Only from `ready` (a
   * logout already under way needs no second one), and never reported as the user's rejected command.
   */
  private logoutLostLogin(): void {
    if (this.actor.getSnapshot().matches('ready')) this.gate.internalSend(this.actor, { type: 'logout.request' });
  }

  private stopWith(stopOptions?: { keepPendingLogin?: boolean }): void {
    const { actor, session } = this;
    if (actor.getSnapshot().status !== 'active') return;
    this.stopTracking();
    const keep = stopOptions?.keepPendingLogin === true;
    const cancelling = keep ? undefined : this.cancelPendingCode();
    if (!keep && session.current.pendingLogin) session.setPendingLogin(undefined).catch(() => undefined);
    actor.send({ type: 'engine.close' });
    actor.stop();
    this.view$.complete();
    this.closeTransport(cancelling);
  }

  private cancelPendingCode(): Promise<unknown> | undefined {
    const child = this.actor.getSnapshot().children.phoneLogin?.getSnapshot();
    const status = this.view$.value.status;
    if (!child?.context.phoneCodeHash || !['waitCode', 'waitEmailCode', 'waitRegistration', 'waitPayment'].includes(status)) {
      return undefined;
    }
    const { dcId, phone, phoneCodeHash } = child.context;
    // auth.cancelCode: fire and forget; the engine is going away and the code expires anyway.
    return callRpc(this.rpc, dcId, { _: 'auth.cancelCode', phoneNumber: phone, phoneCodeHash }).catch(() => undefined);
  }

  /** Closes an owned transport once the last cancelCode had its chance (bounded by 2 s on the clock). */
  private closeTransport(last: Promise<unknown> | undefined): void {
    const owned = this.transport;
    if (!owned) return;
    if (!last) return owned.close();
    const clock = this.clock!;
    const timer = clock.setTimeout(() => owned.close(), 2_000);
    void last.then(() => {
      clock.clearTimeout(timer);
      owned.close();
    });
  }
}

/** The root's observer: each snapshot becomes the view when it looks different. */
class ViewFeed implements XObserver<RootSnapshot> {
  constructor(
    private readonly view$: BehaviorSubject<AuthView>,
    private readonly gate: CommandGate,
  ) {}

  next(snapshot: RootSnapshot): void {
    const view = this.gate.present(authViewOf(snapshot));
    if (!sameView(view, this.view$.value)) this.view$.next(view);
  }

  /** An errored root would otherwise become an uncaught exception (stately.ai/docs/actors "Actor errors"). */
  error(error: unknown): void {
    this.view$.error(error);
  }

  complete(): void {
    this.view$.complete();
  }
}

// rxjs `from()` looks for Symbol.observable when the platform has it, else '@@observable'.
const observableKey: symbol | string = (typeof Symbol === 'function' && Symbol.observable) || '@@observable';
Object.defineProperty(Engine.prototype, observableKey, {
  value(this: Engine) {
    return { subscribe: (observer: Partial<Observer<AuthView>>) => this.state$.subscribe(observer) };
  },
});
