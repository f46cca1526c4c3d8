/**
 * The browser's Digital Credentials API (https://www.w3.org/TR/digital-credentials/) as the engine's
 * `FirebasePnvProvider`: `navigator.credentials.get({ digital: { requests: [payload] } })` with the
 * request auth.initFirebasePnvLogin handed out, then the host's `exchange` turns the credential the
 * device returned into Firebase's Google token (Firebase's exchange is the host's business: its SDK or
 * its backend). Feature-detected: where the API is missing the attempt fails with
 * `firebasePnv.unsupported`, which the flow shows as `unsupported` (check `isDigitalCredentialsSupported`
 * first to hide the button).
 */
import {
  AuthEngineError,
  type FirebasePnvIntent,
  type FirebasePnvProvider,
  type FirebasePnvVerification,
} from '../../machines/index.js';

/** What the API returns (`DigitalCredential`): the protocol answered and its data. */
export interface DigitalCredentialLike {
  readonly protocol: string;
  readonly data: unknown;
}

/** The slice of `navigator.credentials` used here (injectable for tests). */
export interface DigitalCredentialsContainer {
  get(options: { digital: { requests: unknown[] }; mediation?: string; signal?: AbortSignal }): Promise<unknown>;
}

interface Env {
  DigitalCredential?: unknown;
  navigator?: { credentials?: DigitalCredentialsContainer };
}

/** True where the browser has the Digital Credentials API. */
export function isDigitalCredentialsSupported(env: Env = globalThis as Env): boolean {
  return typeof env.DigitalCredential === 'function' && typeof env.navigator?.credentials?.get === 'function';
}

/** Options of `browserFirebasePnvProvider`. */
export interface BrowserFirebasePnvOptions {
  /** Exchanges the device's credential for Firebase's Google token (and the number, if known). */
  exchange(credential: DigitalCredentialLike, intent: FirebasePnvIntent, signal: AbortSignal): Promise<FirebasePnvVerification>;
  /** Defaults to the page's globals; tests pass their own. */
  env?: Env;
}

export function browserFirebasePnvProvider(options: BrowserFirebasePnvOptions): FirebasePnvProvider {
  return {
    async verifyPhoneNumber(intent, signal) {
      const env = options.env ?? (globalThis as Env);
      if (!isDigitalCredentialsSupported(env)) {
        throw new AuthEngineError('firebasePnv.unsupported', 'this browser has no Digital Credentials API');
      }
      let request: unknown;
      try {
        request = JSON.parse(intent.digitalCredentialPayload);
      } catch (cause) {
        throw new AuthEngineError('firebasePnv.payloadInvalid', 'the digital credential payload is not JSON', { cause });
      }
      const credential = (await env.navigator!.credentials!.get({
        digital: { requests: [request] },
        mediation: 'required',
        signal,
      })) as DigitalCredentialLike | null;
      if (!credential || typeof credential.protocol !== 'string') {
        throw new AuthEngineError('firebasePnv.noCredential', 'the device returned no phone number credential');
      }
      return options.exchange(credential, intent, signal);
    },
  };
}
