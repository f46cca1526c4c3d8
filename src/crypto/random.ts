/** The `Random` port: where every nonce, key and padding byte comes from. */

/** Source of random bytes. The default is the platform CSPRNG; tests inject a fixed one. */
export interface Random {
  /** Returns `n` fresh random bytes. */
  bytes(n: number): Uint8Array;
}

/** The platform CSPRNG (WebCrypto `getRandomValues`, present in Node >= 20 and browsers). */
export const secureRandom: Random = {
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    // getRandomValues is limited to 65536 bytes per call.
    for (let i = 0; i < n; i += 65536) globalThis.crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
    return out;
  },
};
