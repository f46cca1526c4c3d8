/**
 * Ports of the machines layer: everything the engine needs from the outside world, as small
 * role interfaces. The machines never touch sockets, storage or platform APIs directly.
 */
import type { Observable } from 'rxjs';
import type { ResultOf, TlMethod, TlObject } from '../../tl/index.js';

export type { Clock } from '../../transport/index.js';
export type { Random } from '../../crypto/index.js';

/**
 * How the engine reaches Telegram: one RPC per call, addressed to a DC. Failures arrive as
 * `RpcError` (rpc_error answers) or `TransportError`. `*_MIGRATE_X` is surfaced as an RpcError:
 * the machines decide to switch the home DC and re-send (core.telegram.org/api/datacenter).
 */
export interface AuthRpc {
  /** Sends `request` on `dcId` (creating its key first if needed); emits the result once. */
  invoke<M extends TlMethod>(dcId: number, request: M): Observable<ResultOf<M>>;
  /** Updates pushed by any DC (e.g. `updateSentPhoneCode` after a store payment). */
  readonly updates$: Observable<{ dcId: number; update: TlObject }>;
  /**
   * The id of the permanent auth key used on `dcId`, once it exists (`auth.finishPasskeyLogin`'s
   * `from_auth_key_id` names the key that ran `initPasskeyLogin`, core.telegram.org/api/passkeys). Optional: without it a
   * passkey login that lands on another DC fails clearly instead of guessing.
   */
  permAuthKeyId?(dcId: number): Promise<bigint | undefined>;
}

/** Where the engine keeps its session between runs: opaque bytes (see `encodeSession`). */
export interface SessionStore {
  load(): Promise<Uint8Array | undefined>;
  save(bytes: Uint8Array): Promise<void>;
  clear(): Promise<void>;
}

/** The device-integrity challenge of `auth.sentCodeTypeFirebaseSms` (core.telegram.org/api/auth "Firebase"). */
export interface FirebaseChallenge {
  /** SafetyNet nonce (Android). */
  readonly nonce?: Uint8Array;
  /** Play Integrity project and nonce (Android). */
  readonly playIntegrityProjectId?: bigint;
  readonly playIntegrityNonce?: Uint8Array;
  /** iOS: the receipt the push must carry, and how long to wait for it. */
  readonly receipt?: string;
  readonly pushTimeoutSeconds?: number;
}

/** What the host obtained for a Firebase challenge, or why it could not. */
export type FirebaseProof =
  | { readonly safetyNetToken: string }
  | { readonly playIntegrityToken: string }
  | { readonly iosPushSecret: string }
  | { readonly failure: string };

/** Host adapter for Firebase SMS (official mobile apps only): Play Integrity, SafetyNet, iOS push. */
export interface FirebaseHost {
  obtainProof(challenge: FirebaseChallenge, signal: AbortSignal): Promise<FirebaseProof>;
}

/** What the server asks the user to buy before it sends a login code (core.telegram.org/api/auth "Paid login"). */
export interface PaidLoginOffer {
  readonly phone: string;
  readonly phoneCodeHash: string;
  readonly storeProduct: string;
  /** Days of Premium the purchase grants (layer 228+; 0 from an older server). */
  readonly premiumDays: number;
  readonly currency: string;
  readonly amount: bigint;
}

/** Host adapter for paid login: runs the store / invoice purchase and returns the payment form id. */
export interface PaymentHost {
  purchaseLogin(offer: PaidLoginOffer, signal: AbortSignal): Promise<{ readonly formId: bigint }>;
}

/**
 * The `codeSettings` flags a host may set on `auth.sendCode` (core.telegram.org/method/auth.sendCode). `logout_tokens` is not here:
 * the engine fills it from the future auth tokens in the session.
 */
export interface CodeSettingsOptions {
  readonly allowFlashcall?: boolean;
  readonly currentNumber?: boolean;
  readonly allowAppHash?: boolean;
  readonly allowMissedCall?: boolean;
  readonly allowFirebase?: boolean;
  readonly unknownNumber?: boolean;
  /** iOS official apps: APNs token and whether it is a sandbox one. */
  readonly token?: string;
  readonly appSandbox?: boolean;
}

/**
 * WebAuthn request options of `auth.passkeyLoginOptions` (core.telegram.org/api/passkeys), as JSON gives them: binary fields
 * (challenge, credential ids) stay base64url strings; adapters decode what their platform needs.
 */
export interface PasskeyRequestOptions {
  readonly challenge: string;
  readonly rpId?: string;
  readonly timeout?: number;
  readonly userVerification?: 'required' | 'preferred' | 'discouraged';
  readonly allowCredentials?: readonly { readonly id: string; readonly type: 'public-key'; readonly transports?: readonly string[] }[];
}

/** A WebAuthn assertion (`navigator.credentials.get`), with binary fields already decoded. */
export interface PasskeyAssertion {
  /** `credential.id` (base64url, sent as-is as both `id` and `raw_id`). */
  readonly credentialId: string;
  /** `response.clientDataJSON` as its UTF-8 JSON text. */
  readonly clientDataJson: string;
  readonly authenticatorData: Uint8Array;
  /** DER-encoded ES256 signature over authenticatorData | SHA-256(clientDataJSON). */
  readonly signature: Uint8Array;
  /** `response.userHandle` as text: Telegram's `"<dcId>:<userId>"`. */
  readonly userHandle: string;
}

/** Host adapter for passkey login: the platform authenticator (browser, OS, or a software one). */
export interface PasskeyAuthenticator {
  getAssertion(options: PasskeyRequestOptions, signal: AbortSignal): Promise<PasskeyAssertion>;
}
