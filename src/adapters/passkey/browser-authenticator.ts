/**
 * The browser's WebAuthn as the engine's `PasskeyAuthenticator` port: `navigator.credentials.get`
 * with the server's request options (base64url fields decoded to buffers, WebAuthn L2 §5.5), and
 * the assertion's buffers turned back into what `auth.finishPasskeyLogin` needs (core.telegram.org/api/passkeys step 3).
 */
import {
  AuthEngineError,
  base64urlDecode,
  type PasskeyAssertion,
  type PasskeyAuthenticator,
  type PasskeyRequestOptions,
} from '../../machines/index.js';

/** The slice of `navigator.credentials` used here (injectable for tests). */
export interface CredentialsContainerLike {
  get(options: { publicKey: Record<string, unknown>; signal?: AbortSignal }): Promise<unknown>;
}

interface AssertionCredential {
  id: string;
  response: { clientDataJSON: ArrayBuffer; authenticatorData: ArrayBuffer; signature: ArrayBuffer; userHandle: ArrayBuffer | null };
}

/** Request options as the WebAuthn API takes them. */
export function webAuthnRequestOf(options: PasskeyRequestOptions): Record<string, unknown> {
  return {
    ...options,
    challenge: base64urlDecode(options.challenge),
    ...(options.allowCredentials
      ? { allowCredentials: options.allowCredentials.map((c) => ({ ...c, id: base64urlDecode(c.id) })) }
      : {}),
  };
}

/** The port's assertion from a WebAuthn `PublicKeyCredential`. */
export function assertionOf(credential: unknown): PasskeyAssertion {
  const c = credential as AssertionCredential | null;
  if (!c?.response?.authenticatorData || !c.response.signature || !c.response.clientDataJSON) {
    throw new AuthEngineError('passkey.noAssertion', 'the authenticator returned no assertion');
  }
  if (!c.response.userHandle) throw new AuthEngineError('passkey.noUserHandle', 'the passkey has no user handle');
  const text = new TextDecoder();
  return {
    credentialId: c.id,
    clientDataJson: text.decode(c.response.clientDataJSON),
    authenticatorData: new Uint8Array(c.response.authenticatorData),
    signature: new Uint8Array(c.response.signature),
    userHandle: text.decode(c.response.userHandle),
  };
}

/** A `PasskeyAuthenticator` on `navigator.credentials` (or the container you pass). */
export function browserPasskeyAuthenticator(credentials?: CredentialsContainerLike): PasskeyAuthenticator {
  return {
    async getAssertion(options, signal) {
      const container =
        credentials ?? (globalThis as unknown as { navigator?: { credentials?: CredentialsContainerLike } }).navigator?.credentials;
      if (!container) throw new AuthEngineError('passkey.unavailable', 'WebAuthn (navigator.credentials) is not available');
      return assertionOf(await container.get({ publicKey: webAuthnRequestOf(options), signal }));
    },
  };
}
