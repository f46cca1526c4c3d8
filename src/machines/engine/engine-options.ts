/**
 * What `createAuthEngine` takes (`AuthEngineOptions`) and what it returns (`AuthEngine`): the
 * engine's public surface, apart from the factory in create-auth-engine.ts.
 */
import type { InteropObservable, Observable, Observer } from 'rxjs';
import type { Actor, InspectionEvent } from 'xstate';
import type { CryptoProvider } from '../../crypto/index.js';
import type { ResultOf, TlMethod } from '../../tl/index.js';
import type { BackoffOptions, Dial, SendRecorder } from '../../transport/index.js';
import type { FirebasePnvFlow } from '../firebase-pnv-login/index.js';
import type { AuthCommand, AuthError, AuthView, ErrorMessages } from '../flow-kit/index.js';
import type { authMachine } from '../auth/index.js';
import type { SrpCrypto } from '../password/index.js';
import type {
  AuthRpc,
  Clock,
  CodeSettingsOptions,
  FirebaseHost,
  PasskeyAuthenticator,
  PaymentHost,
  Random,
  SessionStore,
} from '../core/index.js';
import type { DcSelection, DeviceInfo, RsaKeyInput, TransportRpc } from '../dc-link/index.js';
import type { CommandRejection } from './command-gate.js';

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
  /**
   * Records chosen requests (their DC, auth key, session_id, msg_id) before they are sent, so that
   * another process can ask the server for their answers instead of calling them again (the login
   * service does this for auth.sendCode, auth.signIn, auth.checkPassword).
   */
  recorder?: SendRecorder;
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
