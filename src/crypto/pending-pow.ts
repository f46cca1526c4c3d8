/**
 * Modpows started before they are needed. The auth key exchange starts g^b while req_DH_params is
 * in flight and g_a^b as soon as set_client_DH_params is built, and takes the results when the next
 * answer arrives; a backend with `startModPow` computes them meanwhile on another thread, in
 * parallel with the server (core.telegram.org/mtproto/auth_key). Without it, each is computed when first asked.
 */
import type { CryptoProvider, PendingPow } from './provider.js';

/** Starts base^exp mod m on `crypto`'s own `startModPow` if it has one, else lazily (memoized). */
export function startModPow(crypto: CryptoProvider, base: bigint, exp: bigint, mod: bigint): PendingPow {
  if (crypto.startModPow) return crypto.startModPow(base, exp, mod);
  let value: bigint | undefined;
  return { result: () => (value ??= crypto.modPow(base, exp, mod)), cancel: () => undefined };
}
