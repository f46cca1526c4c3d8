/**
 * The real actors of the root machine: session load/save and logout over the ports, plus the
 * flow children with their own real actors provided. One place wires a whole engine.
 */
import { fromPromise } from 'xstate';
import type { AuthActors } from './machine.js';
import { callRpc, type DeviceAuthorization, lazyLogic, parseQrLoginLink, userSummaryOf } from '../flow-kit/index.js';
import { createPasswordActors, type PasswordDeps, type SrpCrypto, passwordMachine } from '../password/index.js';
import { createPhoneLoginActors, type PhoneLoginDeps, phoneLoginMachine } from '../phone-login/index.js';
import type { PasskeyLoginDeps, passkeyLoginMachine } from '../passkey-login/index.js';
import { type PasskeyAuthenticator, type Random, AuthEngineError, resolverOf, type DepsSource } from '../core/index.js';
import type { QrLoginDeps, qrLoginMachine } from '../qr-login/index.js';
import type { TokenLoginActors, TokenLoginDeps, botLoginMachine, webTokenLoginMachine } from '../token-login/index.js';
import type { TlConstructorOf } from '../../tl/index.js';
import type { SessionKeeper } from '../session/index.js';
import type { FirebasePnvLoginDeps, FirebasePnvProvider } from '../firebase-pnv-login/index.js';
import { firebasePnvUnavailableMachine } from './firebase-pnv-unavailable.js';
import { identifySession } from './identify-session.js';
import { flowModules } from './flow-modules.js';

export interface AuthDeps extends Omit<PhoneLoginDeps, 'futureAuthTokens' | 'rememberFutureToken'> {
  session: SessionKeeper;
  random: Random;
  srp: SrpCrypto;
  /** The host's WebAuthn authenticator, for passkey login. */
  passkey?: PasskeyAuthenticator;
  /** The host's phone-number credential provider, for Firebase PNV login. */
  firebasePnv?: FirebasePnvProvider;
  /** Client time in ms (QR token expiry); default the platform's `Date.now`. */
  clock?: { now(): number };
}

/** The non-secret description of a session (`authorization#ad01d61d`) for the view. */
export function deviceAuthorizationOf(a: TlConstructorOf<'authorization'>): DeviceAuthorization {
  const { appName, appVersion, deviceModel, platform, systemVersion, ip, country, region, dateCreated } = a;
  return { appName, appVersion, deviceModel, platform, systemVersion, ip, country, region, dateCreated };
}

/** The dependencies of each flow child, derived once per `AuthDeps`. */
interface FlowDeps {
  phone: PhoneLoginDeps;
  password: PasswordDeps;
  qr: QrLoginDeps;
  token: TokenLoginDeps;
  passkey: PasskeyLoginDeps;
}

/** The deps of the root and of every flow child in one object (the engine's `EnginePorts`). */
export interface FlowPorts
  extends AuthDeps, PhoneLoginDeps, PasswordDeps, QrLoginDeps, TokenLoginDeps, PasskeyLoginDeps, FirebasePnvLoginDeps {}

/** True when `deps` already carries every flow child's ports: no per-child copies are made. */
function hasFlowPorts(deps: AuthDeps): deps is FlowPorts {
  const d = deps as Partial<FlowPorts>;
  return typeof d.futureAuthTokens === 'function' && typeof d.rememberFutureToken === 'function' && typeof d.now === 'function';
}

const flowDepsCache = new WeakMap<AuthDeps, FlowDeps>();

function flowDepsOf(deps: AuthDeps): FlowDeps {
  let flows = flowDepsCache.get(deps);
  if (flows) return flows;
  const { session, rpc } = deps;
  const tokens = {
    futureAuthTokens: () => session.futureAuthTokens(),
    rememberFutureToken: (t: Uint8Array) => session.rememberFutureToken(t),
  };
  const common = { rpc, apiId: deps.apiId, apiHash: deps.apiHash, rememberFutureToken: tokens.rememberFutureToken };
  const clock = deps.clock ?? { now: () => Date.now() };
  flows = {
    phone: { ...deps, ...tokens },
    password: { rpc, random: deps.random, srp: deps.srp, ...tokens },
    qr: { ...common, now: () => clock.now() },
    token: common,
    passkey: { ...common, ...(deps.passkey ? { passkey: deps.passkey } : {}) },
  };
  flowDepsCache.set(deps, flows);
  return flows;
}

/**
 * The actors to `provide` to `authMachine`, for fixed `deps` or for deps looked up per actor
 * system (the engine provides the machines once per process that way; see core/system-deps.ts).
 */
export function createAuthActors(source: DepsSource<AuthDeps>): AuthActors {
  const at = resolverOf(source);
  /** One flow child's deps for an actor system: the engine's ports as they are, or copies made once. */
  const flow =
    <K extends keyof FlowDeps>(key: K) =>
    (system: Parameters<typeof at>[0]): FlowDeps[K] => {
      const deps = at(system);
      return hasFlowPorts(deps) ? deps : flowDepsOf(deps)[key];
    };
  /** The token logins' module with their actors made (once, shared by both machines), once it is there. */
  let tokenActors: TokenLoginActors | undefined;
  const tokenLogin = () => {
    const m = flowModules.tokenLogin.loaded;
    if (m) tokenActors ??= m.createTokenLoginActors(flow('token'));
    return m && { m, actors: tokenActors! };
  };
  return {
    loadSession: fromPromise(async ({ system, signal }) => {
      const { session, rpc } = at(system);
      const s = await session.load();
      // An imported key, or a login record the server may have moved past: the server says who we are (identify-session.ts).
      const user = s.user ?? (await identifySession(rpc, session, signal));
      return { homeDcId: session.current.homeDcId, ...(user ? { user } : {}) };
    }),
    completeLogin: fromPromise(async ({ input, system }) => {
      await at(system).session.authorize(input.dcId, userSummaryOf(input.authorization.user));
    }),
    // auth.logOut#3e72ba19 = auth.LoggedOut; (loggedOut carries a future auth token to keep, core.telegram.org/method/auth.logOut)
    logOut: fromPromise(async ({ input, signal, system }) => {
      const { rpc, session } = at(system);
      try {
        const out = await callRpc(rpc, input.dcId, { _: 'auth.logOut' }, signal);
        if (out.futureAuthToken) session.rememberFutureToken(out.futureAuthToken);
      } finally {
        await session.deauthorize();
      }
    }),
    // auth.acceptLoginToken#e894ad4d token:bytes = Authorization; (the link was checked by the machine's guard)
    acceptLoginToken: fromPromise(async ({ input, signal, system }) => {
      const token = parseQrLoginLink(input.link.take());
      if (!token) throw new AuthEngineError('QR_LINK_INVALID', 'not a tg://login?token= link');
      return deviceAuthorizationOf(await callRpc(at(system).rpc, input.dcId, { _: 'auth.acceptLoginToken', token }, signal));
    }),
    // auth.resetAuthorizations#9fab0d1a = Bool;
    resetAuthorizations: fromPromise(({ input, signal, system }) =>
      callRpc(at(system).rpc, input.dcId, { _: 'auth.resetAuthorizations' }, signal),
    ),
    loadFlow: fromPromise(async ({ input }) => {
      await flowModules[input.flow].load();
    }),
    // Resolved when first invoked, which the root does only once the module is there (auth/flow-modules.ts).
    qrLogin: lazyLogic<typeof qrLoginMachine>('qrLogin', () => {
      const m = flowModules.qrLogin.loaded;
      return m?.qrLoginMachine.provide({ actors: m.createQrLoginActors(flow('qr')) });
    }),
    botLogin: lazyLogic<typeof botLoginMachine>('botLogin', () => {
      const t = tokenLogin();
      return t?.m.botLoginMachine.provide({ actors: t.actors });
    }),
    webTokenLogin: lazyLogic<typeof webTokenLoginMachine>('webTokenLogin', () => {
      const t = tokenLogin();
      return t?.m.webTokenLoginMachine.provide({ actors: t.actors });
    }),
    passkeyLogin: lazyLogic<typeof passkeyLoginMachine>('passkeyLogin', () => {
      const m = flowModules.passkeyLogin.loaded;
      return m?.passkeyLoginMachine.provide({ actors: m.createPasskeyLoginActors(flow('passkey')) });
    }),
    // Opt-in: createAuthEngine provides the real flow when the host gives `firebasePnvFlow(provider)`.
    firebasePnvLogin: firebasePnvUnavailableMachine,
    phoneLogin: phoneLoginMachine.provide({ actors: createPhoneLoginActors(flow('phone')) }),
    password: passwordMachine.provide({ actors: createPasswordActors(flow('password')) }),
  };
}
