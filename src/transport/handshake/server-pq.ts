/**
 * The server's pq challenge (PROTOCOL.md §C.2, §C.3): the product of two distinct random primes of
 * 31-32 bits, sent big-endian. It only proves the client did some work; its secrecy does not matter.
 */
import { bigintToBytes, bytesToBigint, isProbablePrime, type Random } from '../../crypto/index.js';

/** A pq challenge and its factors (p < q). */
export interface PqChallenge {
  readonly pq: Uint8Array;
  readonly p: bigint;
  readonly q: bigint;
}

function randomPrime(random: Random): bigint {
  for (;;) {
    // Top bit set (>= 2^31) so pq always fills 8 bytes; low bit set (odd).
    const n = bytesToBigint(random.bytes(4)) | 0x80000001n;
    if (isProbablePrime(n, 20)) return n;
  }
}

/** Draws a fresh pq = p·q with two distinct 32-bit primes. */
export function makePqChallenge(random: Random): PqChallenge {
  const a = randomPrime(random);
  let b = randomPrime(random);
  while (b === a) b = randomPrime(random);
  const [p, q] = a < b ? [a, b] : [b, a];
  return { pq: bigintToBytes(p * q), p, q };
}
