/**
 * The system under test of the phone-login model: the real engine (createAuthEngine) on the
 * in-process simulator world, with what some accounts need — a FirebaseHost and a PaymentHost whose
 * next answer each step chooses, a durable store so the engine can be stopped with
 * `keepPendingLogin` and started again on it, and for forged answers an RPC port that swaps one
 * answer (every request still goes to the simulator over the real transport). No PFS: keys are the
 * dc-key model's concern, and two key exchanges less per path keep the replay quick.
 */
import { map, of, type Observable } from 'rxjs';
import { nodeCrypto } from '../../src/adapters/crypto/index.js';
import {
  createTransportRpc,
  firebasePnvFlow,
  memoryKeyStore,
  memoryStore,
  resolveDcs,
  type AuthCommand,
  type AuthEngine,
  type AuthEngineOptions,
  type AuthRpc,
  type AuthView,
  type FirebasePnvProvider,
  type FirebaseProof,
  type TransportRpc,
} from '../../src/machines/index.js';
import type { TlMethod } from '../../src/tl/index.js';
import { fixedRandom } from '../helpers/fixed-random.js';
import { API, type World } from '../integration/sim-world.js';
import type { CoverageRecorder } from './coverage.js';
import type { ProofCase } from './phone-events.js';
import { waitIdle } from './sut.js';

/** How long the FirebaseHost takes to give up on a `lateFailure` (the iOS push timeout, say). */
export const LATE_PROOF_MS = 60_000;

/** One forged answer: the real answer observable (not yet subscribed) in, the answer the engine sees out. */
export type Forgery = (request: TlMethod, real: () => Observable<unknown>) => Observable<unknown>;

/** Replaces one answer (the request never reaches the simulator). */
export const answerWith =
  (value: unknown): Forgery =>
  () =>
    of(value);

/** Rewrites the simulator's real answer. */
export const rewrite =
  (fn: (answer: Record<string, unknown>) => unknown): Forgery =>
  (_request, real) =>
    real().pipe(map((a) => fn(a as Record<string, unknown>)));

export interface PhoneSut {
  readonly world: World;
  view(): AuthView;
  send(command: AuthCommand): void;
  idle(): Promise<AuthView>;
  /** Stops the engine with `keepPendingLogin` and starts a new one on the same store. */
  restart(): void;
  stop(): void;
  /** The FirebaseHost's next answer, and how many challenges it got. */
  firebase: { proof: ProofCase; calls: number };
  /** The PaymentHost's next purchase: a form id, or a throw. */
  payment: { fails: boolean };
  /** The next answer to `method` is forged (needs `forging`). */
  forge(method: string, forgery: Forgery): void;
  /** Methods whose forged answer is still waiting for the request. */
  armed(): string[];
}

export interface PhoneSutOptions {
  firebase?: boolean;
  payment?: boolean;
  /** Route the engine's requests through an RPC port that can forge an answer (`forge`). */
  forging?: boolean;
  /** The device's phone-number credential for Firebase PNV login (firebase-pnv.model.test.ts). */
  firebasePnv?: FirebasePnvProvider;
}

let seq = 0;

/** An engine for one path on `world`, inspected by `recorder`. */
export function phoneSut(world: World, recorder: CoverageRecorder, options: PhoneSutOptions = {}): PhoneSut {
  const store = memoryStore();
  const firebase = { proof: 'token' as ProofCase, calls: 0 };
  const payment = { fails: false };
  const forgeries = new Map<string, Forgery>();
  let transport: TransportRpc | undefined;

  const extra: Partial<AuthEngineOptions> = { store, pfs: false, inspect: recorder.inspect };
  if (options.firebasePnv) extra.firebasePnv = firebasePnvFlow(options.firebasePnv);
  if (options.firebase) {
    extra.codeSettings = { allowFirebase: true };
    extra.firebase = {
      obtainProof: (_challenge, _signal) => {
        firebase.calls++;
        const proof = firebase.proof;
        if (proof === 'throws') return Promise.reject(new Error('Play Integrity is not available'));
        const answer: FirebaseProof =
          proof === 'emptyToken'
            ? { playIntegrityToken: '' }
            : proof === 'failure' || proof === 'lateFailure'
              ? { failure: 'PLAY_INTEGRITY_FAILED' }
              : { playIntegrityToken: 'integrity-token' };
        if (proof !== 'lateFailure') return Promise.resolve(answer);
        return new Promise((resolve) => world.clock.setTimeout(() => resolve(answer), LATE_PROOF_MS));
      },
    };
  }
  if (options.payment) {
    extra.payment = {
      purchaseLogin: () =>
        payment.fails
          ? Promise.reject(new Error('the store purchase was cancelled'))
          : Promise.resolve({ formId: 78n }),
    };
  }
  if (options.forging) {
    const resolved = resolveDcs(world.config);
    transport = createTransportRpc({
      dcs: resolved.addresses,
      rsaKeys: resolved.rsaKeys,
      dial: world.dial,
      clock: world.clock,
      apiId: API.apiId,
      keys: memoryKeyStore(),
      random: fixedRandom(`model-phone-forging-${seq++}`),
      crypto: nodeCrypto,
      inspect: recorder.inspect,
      pingIntervalMs: 0,
      pfs: false,
    });
    const inner = transport;
    const rpc: AuthRpc = {
      updates$: inner.updates$,
      invoke: (dcId, request) => {
        const forgery = forgeries.get(request._);
        if (!forgery) return inner.invoke(dcId, request);
        forgeries.delete(request._);
        return forgery(request, () => inner.invoke(dcId, request)) as never;
      },
    };
    extra.rpc = rpc;
  }

  let engine: AuthEngine = world.engine(extra);
  const view = () => engine.getSnapshot();
  return {
    world,
    view,
    send: (c) => engine.send(c),
    idle: () => waitIdle(view),
    restart: () => {
      engine.stop({ keepPendingLogin: true });
      engine = world.engine(extra);
    },
    stop: () => {
      engine.stop();
      transport?.close();
    },
    firebase,
    payment,
    forge: (method, forgery) => {
      if (!options.forging) throw new TypeError(`forging ${method} needs a forging engine`);
      forgeries.set(method, forgery);
    },
    armed: () => [...forgeries.keys()],
  };
}
