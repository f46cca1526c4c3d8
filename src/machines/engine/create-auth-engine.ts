/**
 * `createAuthEngine`: one XState actor system per engine, wrapped in a small store-like facade —
 * `state$` (emits the current view on subscribe, which actors do not), `getSnapshot()`,
 * `subscribe`, `send`, `on('command.rejected')`, and the interop key so `from(engine)` works.
 */
import type { FirebasePnvFlow } from '../firebase-pnv-login/index.js';
import {
  BehaviorSubject,
  distinctUntilChanged,
  type Observable,
  type Observer,
  type Subscription,
} from 'rxjs';
import { createActor, type Actor } from 'xstate';
import { secureRandom } from '../../crypto/index.js';
import type { ResultOf, TlMethod } from '../../tl/index.js';
import { RpcError } from '../../transport/index.js';
import { authViewOf } from './auth-view-of.js';
import {
  assertAuthCommand,
  type AuthView,
  callRpc,
  sealCommand,
  type AuthCommand,
  type SealedCommand,
} from '../flow-kit/index.js';
import { createAuthActors, authMachine } from '../auth/index.js';
import { EnginePorts, srpOn } from './engine-ports.js';
import { type AuthRpc, type Clock, once, systemDeps } from '../core/index.js';
import {
  resolveDcs,
  type DcSelection,
  type SimulatorConfig,
  createTransportRpc,
  type TransportRpc,
} from '../dc-link/index.js';
import { memoryStore, SessionKeeper } from '../session/index.js';
import { PendingLoginTracker, withInput } from './pending-login.js';
import { checkCommandInput } from '../flow-kit/index.js';
import { checkRecoveryCode } from './recovery-check.js';
import { CommandGate } from './command-gate.js';
import { StepControl } from './step-control.js';
import { AuthOptionsError, validateEngineOptions } from './validate-options.js';
import { ViewFeed } from './view-feed.js';

export type { DcSelection } from '../dc-link/index.js';
export type { CommandRejection } from './command-gate.js';
export { AuthOptionsError } from './validate-options.js';

export type { AuthEngine, AuthEngineOptions, EngineTransportOptions, Unsubscribe } from './engine-options.js';
import type { AuthEngine, AuthEngineOptions } from './engine-options.js';

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
    throw new AuthOptionsError(
      'dcs',
      error instanceof Error ? `is not usable: ${error.message}` : 'is not usable',
      { cause: error },
    );
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
    ...(t.recorder ? { recorder: t.recorder } : {}),
  });
}

const engineDeps = systemDeps<EnginePorts>('engine dependencies');

/**
 * `authMachine` with the real actors, provided ONCE per process: its actors find their engine's
 * ports through the actor system (a machine provided per engine cost ~250 KB of StateNodes, issue 11).
 */
const engineMachine = once(() => {
  const actors = createAuthActors(engineDeps.of);
  const phoneLogin = withInput(actors.phoneLogin, (input, system) =>
    engineDeps.of(system).resumeInput(input),
  );
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
  private readonly tracker: PendingLoginTracker;
  private readonly feed: ViewFeed;
  private readonly gate: CommandGate;
  private readonly steps: StepControl;

  constructor(options: AuthEngineOptions) {
    validateEngineOptions(options);
    const defaultDcId = defaultDcOf(options.dcs);
    const session = (this.session = new SessionKeeper(options.store ?? memoryStore(), defaultDcId));
    const owned = (this.transport = options.rpc ? undefined : transportFor(options, session));
    const rpc = (this.rpc = options.rpc ?? owned!);
    this.clock = options.clock;
    // The flows' calls go through the step control, so that `step.cancel` can end them.
    const steps = (this.steps = new StepControl(rpc));
    const ports = new EnginePorts({
      rpc: steps.rpc,
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
      input: {
        defaultDcId,
        firebase: options.firebase !== undefined,
        payment: options.payment !== undefined,
      },
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.inspect ? { inspect: options.inspect } : {}),
    }));
    // Before start: no actor has run yet (invoked actors start with the root).
    engineDeps.bind(actor.system, ports);
    const gate = (this.gate = new CommandGate(options.messages));
    this.view$ = new BehaviorSubject<AuthView>(this.present(actor.getSnapshot()));
    this.state$ = this.view$.pipe(distinctUntilChanged());
    this.getSnapshot = () => this.view$.value;
    this.subscribe = (observer) => {
      const subscription: Subscription =
        typeof observer === 'function' ? this.state$.subscribe(observer) : this.state$.subscribe(observer);
      return Object.assign(() => subscription.unsubscribe(), {
        unsubscribe: () => subscription.unsubscribe(),
      });
    };
    this.send = (command) => this.sendChecked(command);
    this.on = (_type, listener) => gate.on(listener);
    gate.listen(actor);
    this.invoke = (request, invokeOptions) => this.invokeFor(request, invokeOptions);
    this.stop = (stopOptions) => this.stopWith(stopOptions);
    this.checkRecoveryCode = (code) => checkRecoveryCode(actor.getSnapshot().children.password, rpc, code);
    this.tracker = new PendingLoginTracker(actor, session, () => ports.now());
    this.feed = new ViewFeed(actor, this.view$, (snapshot) => this.present(snapshot), this.tracker, options.clock);
    actor.subscribe(this.feed);
    actor.start();
    // While the user types a phone number, the home DC's key is made, so that the login's first call
    // does not wait for the exchange (the peers' connect() before sign-in gives them the same).
    if (owned) {
      const warm = this.view$.subscribe((view) => {
        if (view.status !== 'waitPhoneNumber' || view.busy) return;
        // After the view reached every subscriber: opening a link takes a moment of synchronous work.
        queueMicrotask(() => {
          warm.unsubscribe();
          owned.prewarm(session.current.homeDcId);
        });
      });
    }
    // The server forgot the home DC's permanent key (it was reset): the login is gone. The root has no
    // transition of its own for that, so it is surfaced through logout (the session is deauthorized and
    // the view returns to waitPhoneNumber, carrying the server's error).
    owned?.keyLost$.subscribe((dcId) => {
      if (dcId === session.current.homeDcId && session.current.user !== undefined) this.logoutLostLogin();
    });
  }

  private async invokeFor<M extends TlMethod>(
    request: M,
    invokeOptions?: { dcId?: number },
  ): Promise<ResultOf<M>> {
    const { session, rpc, transport: owned } = this;
    const home = session.current.homeDcId;
    const dcId = invokeOptions?.dcId ?? home;
    if (owned && dcId !== home) await owned.ensureAuthorized(dcId, home);
    try {
      return await callRpc(rpc, dcId, request);
    } catch (error) {
      // core.telegram.org/api/pfs: AUTH_KEY_UNREGISTERED on a (bound) key means the login behind it is gone. On another
      // DC the import is redone once; on the home DC the user must log in again (surfaced as logout).
      if (
        !(error instanceof RpcError) ||
        error.type !== 'AUTH_KEY_UNREGISTERED' ||
        session.current.user === undefined
      )
        throw error;
      if (owned && dcId !== home) {
        session.setAuthorized(dcId, false);
        await owned.ensureAuthorized(dcId, home);
        return callRpc(rpc, dcId, request);
      }
      this.logoutLostLogin();
      throw error;
    }
  }

  /** The view a host sees of `snapshot`: step state (step-control.ts), then refusals and sentences (command-gate.ts). */
  private present(snapshot: RootSnapshot): AuthView {
    const raw = authViewOf(snapshot);
    this.steps.observe(raw);
    return this.gate.present(this.steps.present(raw));
  }

  /** Checks the typed input (a refusal is shown, not sent), then seals and sends. */
  private sendChecked(command: AuthCommand): void {
    assertAuthCommand(command);
    if (command.type === 'step.retry' || command.type === 'step.cancel') return this.sendStep(command.type);
    const checked = checkCommandInput(command, this.view$.value);
    if ('reason' in checked) {
      this.gate.refuse(command.type, checked.reason, this.view$.value.status);
      this.feed.refresh(true);
      return;
    }
    if (this.gate.clearRefusal()) this.feed.refresh(true);
    this.sendSealed(sealCommand(checked.command));
  }

  /** Sends a sealed command; the step control remembers it until the step it starts is over. */
  private sendSealed(command: SealedCommand): void {
    this.steps.begin(command, this.view$.value.status);
    const rejections = this.gate.rejections;
    this.actor.send(command);
    this.steps.settle(this.gate.rejections === rejections);
  }

  /** `step.retry` / `step.cancel`: decided by the step control on the current view (step-control.ts). */
  private sendStep(type: 'step.retry' | 'step.cancel'): void {
    const decision = this.steps.decide(type, authViewOf(this.actor.getSnapshot()));
    // A refused input shown as the view's error is an error too: step.cancel clears it.
    if (decision.kind === 'reject' && !(type === 'step.cancel' && this.gate.clearRefusal())) {
      return this.gate.reject(type, decision.reason);
    }
    if (decision.kind === 'send') return this.sendSealed(decision.command);
    if (decision.kind === 'dismiss') this.gate.clearRefusal();
    // A cancelled call settles its actor a microtask later; the snapshot it makes updates the view then.
    this.feed.refresh(false);
  }

  /**
   * The login is gone on the server: log out, as the engine's own command. Only from `ready` (a
   * logout already under way needs no second one), and never reported as the user's rejected command.
   */
  private logoutLostLogin(): void {
    if (this.actor.getSnapshot().matches('ready'))
      this.gate.internalSend(this.actor, { type: 'logout.request' });
  }

  private stopWith(stopOptions?: { keepPendingLogin?: boolean }): void {
    const { actor, session } = this;
    if (actor.getSnapshot().status !== 'active') return;
    this.tracker.stop();
    this.steps.forget();
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
    if (
      !child?.context.phoneCodeHash ||
      !['waitCode', 'waitEmailCode', 'waitRegistration', 'waitPayment'].includes(status)
    ) {
      return undefined;
    }
    const { dcId, phone, phoneCodeHash } = child.context;
    // auth.cancelCode: fire and forget; the engine is going away and the code expires anyway.
    return callRpc(this.rpc, dcId, { _: 'auth.cancelCode', phoneNumber: phone, phoneCodeHash }).catch(
      () => undefined,
    );
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


// rxjs `from()` looks for Symbol.observable when the platform has it, else '@@observable'.
const observableKey: symbol | string = (typeof Symbol === 'function' && Symbol.observable) || '@@observable';
Object.defineProperty(Engine.prototype, observableKey, {
  value(this: Engine) {
    return { subscribe: (observer: Partial<Observer<AuthView>>) => this.state$.subscribe(observer) };
  },
});
