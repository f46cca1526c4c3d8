/**
 * What one engine binds to its actor system (core/system-deps.ts): every port its actors use, as ONE
 * object with prototype methods, so an engine's ports cost their fields, not a closure apiece nor a
 * derived deps object per flow child (issue 11). It satisfies the deps of every flow child at once.
 */
import { computeSrpCheck, computeSrpVerifier, type CryptoProvider } from '../../crypto/index.js';
import type { FlowPorts } from '../auth/index.js';
import type { SrpCrypto } from '../password/index.js';
import type { PhoneLoginInput } from '../phone-login/index.js';
import type { FirebasePnvProvider } from '../firebase-pnv-login/index.js';
import type { AuthRpc, CodeSettingsOptions, FirebaseHost, PasskeyAuthenticator, PaymentHost, Random } from '../core/index.js';
import { resumeInputOf, type SessionKeeper } from '../session/index.js';

/** The engine's options its ports are made of. */
export interface EnginePortOptions {
  rpc: AuthRpc;
  apiId: number;
  apiHash: string;
  session: SessionKeeper;
  random: Random;
  srp: SrpCrypto;
  codeSettings?: CodeSettingsOptions | undefined;
  firebase?: FirebaseHost | undefined;
  payment?: PaymentHost | undefined;
  passkey?: PasskeyAuthenticator | undefined;
  firebasePnv?: FirebasePnvProvider | undefined;
  clock?: { now(): number } | undefined;
}

/** One engine's ports, plus the durable-resume hook of its first phone login. */
export class EnginePorts implements FlowPorts {
  readonly rpc: AuthRpc;
  readonly apiId: number;
  readonly apiHash: string;
  readonly session: SessionKeeper;
  readonly random: Random;
  readonly srp: SrpCrypto;
  readonly codeSettings?: CodeSettingsOptions;
  readonly firebase?: FirebaseHost;
  readonly payment?: PaymentHost;
  readonly passkey?: PasskeyAuthenticator;
  readonly firebasePnv?: FirebasePnvProvider;
  readonly clock?: { now(): number };
  // Own bound functions, not prototype methods: the actors hand them on unbound (keepFutureToken(auth, deps.rememberFutureToken)).
  /** Client time in ms: the engine's clock, else the platform's. */
  readonly now: () => number;
  readonly futureAuthTokens: () => readonly Uint8Array[];
  readonly rememberFutureToken: (token: Uint8Array) => void;
  /** Durable engine: the first phone-login of this run continues a login the last run left waiting. */
  private resumePending = true;

  constructor(o: EnginePortOptions) {
    this.rpc = o.rpc;
    this.apiId = o.apiId;
    this.apiHash = o.apiHash;
    this.session = o.session;
    this.random = o.random;
    this.srp = o.srp;
    if (o.codeSettings) this.codeSettings = o.codeSettings;
    if (o.firebase) this.firebase = o.firebase;
    if (o.payment) this.payment = o.payment;
    if (o.passkey) this.passkey = o.passkey;
    if (o.firebasePnv) this.firebasePnv = o.firebasePnv;
    if (o.clock) this.clock = o.clock;
    const clock = o.clock ?? Date;
    const session = o.session;
    this.now = () => clock.now();
    this.futureAuthTokens = () => session.futureAuthTokens();
    this.rememberFutureToken = (token) => session.rememberFutureToken(token);
  }

  /** The first phone-login's input, continued from the stored pending login if there is one. */
  resumeInput(input: PhoneLoginInput): PhoneLoginInput {
    if (!this.resumePending) return input;
    this.resumePending = false;
    const resume = resumeInputOf(this.session.current.pendingLogin, this.now());
    return resume ? { ...input, ...resume } : input;
  }
}

const srpByCrypto = new WeakMap<CryptoProvider, SrpCrypto>();
let srpOnDefault: SrpCrypto | undefined;

/**
 * SRP on the engine's crypto backend (its PBKDF2 dominates a 2FA login: pure TS ~1.5 s,
 * node:crypto ~0.1 s); one object per backend, shared by its engines.
 */
export function srpOn(crypto: CryptoProvider | undefined): SrpCrypto {
  const cached = crypto ? srpByCrypto.get(crypto) : srpOnDefault;
  if (cached) return cached;
  const srp: SrpCrypto = {
    computeSrpCheck: (params, random) => computeSrpCheck(params, random, crypto),
    computeSrpVerifier: (password, salt1, salt2, g, p) => computeSrpVerifier(password, salt1, salt2, g, p, crypto),
  };
  if (crypto) srpByCrypto.set(crypto, srp);
  else srpOnDefault = srp;
  return srp;
}
