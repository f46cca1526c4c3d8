/** A deterministic `Random`: SHA-256 in counter mode over a seed, so tests assert exact bytes. */
import { sha256 } from '@noble/hashes/sha2.js';
import type { Random } from '../../src/crypto/index.js';

export function fixedRandom(seed = 'tgauth'): Random {
  const seedBytes = new TextEncoder().encode(seed);
  let counter = 0;
  let pool = new Uint8Array(0);
  return {
    bytes(n: number): Uint8Array {
      const out = new Uint8Array(n);
      let filled = 0;
      while (filled < n) {
        if (pool.length === 0) {
          const block = new Uint8Array(seedBytes.length + 4);
          block.set(seedBytes);
          new DataView(block.buffer).setUint32(seedBytes.length, counter++);
          pool = sha256(block);
        }
        const take = Math.min(pool.length, n - filled);
        out.set(pool.subarray(0, take), filled);
        pool = pool.subarray(take);
        filled += take;
      }
      return out;
    },
  };
}
