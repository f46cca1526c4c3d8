/**
 * A software WebAuthn authenticator (ES256 on P-256, WebAuthn L2 §6.1 authenticator data and §7.2
 * assertion signature) implementing the engine's `PasskeyAuthenticator` port: for tests, demos
 * and the simulator's passkey accounts, in Node or a browser. Not a security device: the private
 * keys live in memory.
 */
import { p256 } from '@noble/curves/nist.js';
import { concatBytes, secureRandom, sha256, type Random } from '../../crypto/index.js';
import {
  AuthEngineError,
  base64urlEncode,
  type PasskeyAssertion,
  type PasskeyAuthenticator,
  type PasskeyRequestOptions,
} from '../../machines/index.js';

/** Telegram's relying party id (core.telegram.org/api/passkeys). */
export const TELEGRAM_RP_ID = 'telegram.org';

/** One stored credential. `publicKey` is the SEC1 point to register with the server. */
export interface SoftwarePasskey {
  /** base64url credential id (`credential.id`). */
  readonly credentialId: string;
  readonly privateKey: Uint8Array;
  readonly publicKey: Uint8Array;
  /** Telegram's user handle `"<dcId>:<userId>"`. */
  readonly userHandle: string;
  readonly rpId: string;
  signCount: number;
}

/** Makes a fresh credential (deterministic under a fixed `Random`). */
export function createSoftwarePasskey(options: { userHandle: string; rpId?: string; random?: Random }): SoftwarePasskey {
  const random = options.random ?? secureRandom;
  const { secretKey, publicKey } = p256.keygen(random.bytes(p256.lengths.seed ?? 48));
  return {
    credentialId: base64urlEncode(random.bytes(16)),
    privateKey: secretKey,
    publicKey,
    userHandle: options.userHandle,
    rpId: options.rpId ?? TELEGRAM_RP_ID,
    signCount: 0,
  };
}

/** authenticatorData: SHA-256(rpId) | flags (UP 0x01 | UV 0x04) | signCount (uint32 big-endian). */
export function authenticatorDataOf(rpId: string, signCount: number): Uint8Array {
  const tail = new Uint8Array(5);
  tail[0] = 0x05;
  new DataView(tail.buffer).setUint32(1, signCount >>> 0);
  return concatBytes(sha256(new TextEncoder().encode(rpId)), tail);
}

/** Signs the WebAuthn assertion of `passkey` for `challenge` from `origin`. */
export function signAssertion(passkey: SoftwarePasskey, challenge: string, origin: string): PasskeyAssertion {
  passkey.signCount += 1;
  const clientDataJson = JSON.stringify({ type: 'webauthn.get', challenge, origin, crossOrigin: false });
  const authenticatorData = authenticatorDataOf(passkey.rpId, passkey.signCount);
  const signed = concatBytes(authenticatorData, sha256(new TextEncoder().encode(clientDataJson)));
  const signature = p256.sign(signed, passkey.privateKey, { prehash: true, format: 'der' });
  return { credentialId: passkey.credentialId, clientDataJson, authenticatorData, signature, userHandle: passkey.userHandle };
}

/**
 * A `PasskeyAuthenticator` over in-memory credentials: picks the first one for the options' RP id
 * (and in `allowCredentials`, when the server lists some). `origin` defaults to `https://<rpId>`.
 */
export function softwarePasskeyAuthenticator(
  passkeys: SoftwarePasskey[],
  options: { origin?: string } = {},
): PasskeyAuthenticator & { readonly passkeys: SoftwarePasskey[] } {
  return {
    passkeys,
    getAssertion(request: PasskeyRequestOptions, signal: AbortSignal): Promise<PasskeyAssertion> {
      if (signal.aborted) return Promise.reject(new AuthEngineError('passkey.aborted', 'passkey request aborted'));
      const rpId = request.rpId ?? TELEGRAM_RP_ID;
      const allowed = request.allowCredentials?.map((c) => c.id) ?? [];
      const passkey = passkeys.find((p) => p.rpId === rpId && (allowed.length === 0 || allowed.includes(p.credentialId)));
      if (!passkey) return Promise.reject(new AuthEngineError('passkey.notFound', `no passkey for ${rpId}`));
      return Promise.resolve(signAssertion(passkey, request.challenge, options.origin ?? `https://${rpId}`));
    },
  };
}
