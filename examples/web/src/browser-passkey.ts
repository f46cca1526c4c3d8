/**
 * The engine's `PasskeyAuthenticator` port over the browser's WebAuthn (`navigator.credentials.get`).
 * Telegram's options carry binary fields as base64url (core.telegram.org/api/passkeys); WebAuthn wants bytes in,
 * gives ArrayBuffers out, and the engine wants the client data and user handle as text.
 */
import type { PasskeyAssertion, PasskeyAuthenticator, PasskeyRequestOptions } from './tgauth.js';

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** True where this browser offers WebAuthn at all (a secure context with `PublicKeyCredential`). */
export function passkeysAvailable(): boolean {
  return typeof window !== 'undefined' && window.isSecureContext && 'PublicKeyCredential' in window;
}

/** Asks the browser's authenticators (platform, security key or a DevTools virtual one) for an assertion. */
export const browserPasskey: PasskeyAuthenticator = {
  async getAssertion(options: PasskeyRequestOptions, signal: AbortSignal): Promise<PasskeyAssertion> {
    const publicKey: PublicKeyCredentialRequestOptions = {
      challenge: fromBase64url(options.challenge),
      ...(options.rpId === undefined ? {} : { rpId: options.rpId }),
      ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
      ...(options.userVerification === undefined ? {} : { userVerification: options.userVerification }),
      allowCredentials: (options.allowCredentials ?? []).map((c) => ({
        id: fromBase64url(c.id),
        type: c.type,
        ...(c.transports ? { transports: c.transports as AuthenticatorTransport[] } : {}),
      })),
    };
    const credential = (await navigator.credentials.get({ publicKey, signal })) as PublicKeyCredential | null;
    if (!credential) throw new DOMException('no passkey was chosen', 'NotAllowedError');
    const response = credential.response as AuthenticatorAssertionResponse;
    const text = new TextDecoder();
    return {
      credentialId: credential.id,
      clientDataJson: text.decode(response.clientDataJSON),
      authenticatorData: new Uint8Array(response.authenticatorData),
      signature: new Uint8Array(response.signature),
      userHandle: response.userHandle ? text.decode(response.userHandle) : '',
    };
  },
};
