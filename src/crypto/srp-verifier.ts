/**
 * SRP-2048 for Telegram 2FA (core.telegram.org/api/srp), server side, for the simulator: the stored verifier
 * v = g^x mod p, the per-request srp_B = (k*v + g^b) mod p, and the check of the client's M1.
 */
import { bytesToBigint, concatBytes, equalBytes } from './bytes.js';
import { checkDhPublicValue } from './dh-checks.js';
import { pureCrypto } from './pure-crypto.js';
import type { CryptoProvider } from './provider.js';
import type { Random } from './random.js';
import { pad256, srpK, srpPasswordHash, srpProof } from './srp.js';

/** v = g^PH2(password) mod p as 256 bytes (also the `new_password_hash` a client sends). */
export async function computeSrpVerifier(password: string | Uint8Array, salt1: Uint8Array, salt2: Uint8Array, g: number, p: Uint8Array, crypto: CryptoProvider = pureCrypto): Promise<Uint8Array> {
  const x = bytesToBigint(await srpPasswordHash(password, salt1, salt2, crypto));
  return pad256(crypto.modPow(BigInt(g), x, bytesToBigint(p)));
}

/** The server's secret b and the public srp_B it sends (256 bytes). */
export interface SrpServerKey {
  b: bigint;
  B: Uint8Array;
}

/** Picks b and computes srp_B = (k*v + g^b) mod p, retrying until B is in the 2^1984 range. */
export function makeSrpB(v: Uint8Array, g: number, p: Uint8Array, random: Random, crypto: CryptoProvider = pureCrypto): SrpServerKey {
  const pn = bytesToBigint(p);
  const k = srpK(pn, g, crypto);
  const vn = bytesToBigint(v);
  for (;;) {
    const b = bytesToBigint(random.bytes(256)) % pn;
    const gB = (k * vn + crypto.modPow(BigInt(g), b, pn)) % pn;
    try {
      checkDhPublicValue(gB, pn, 'srp.gB');
    } catch {
      continue;
    }
    return { b, B: pad256(gB) };
  }
}

/** What the server kept from `makeSrpB` plus the client's `inputCheckPasswordSRP`. */
export interface SrpVerifyInput {
  v: Uint8Array;
  salt1: Uint8Array;
  salt2: Uint8Array;
  g: number;
  p: Uint8Array;
  b: bigint;
  B: Uint8Array;
  A: Uint8Array;
  M1: Uint8Array;
}

/**
 * Server check of M1: u = H(A|B), s_b = (g_a * v^u)^b mod p, M2 = H(H(p) XOR H(g) | H(s1) | H(s2) | A | B | H(s_b));
 * true iff M2 == M1 (constant time). A g_a outside (1, p-1) is rejected (false), so A = 0 or p
 * cannot force s_b = 0.
 */
export function verifySrpM1(input: SrpVerifyInput, crypto: CryptoProvider = pureCrypto): boolean {
  const p = bytesToBigint(input.p);
  if (input.A.length !== 256) return false;
  const gA = bytesToBigint(input.A);
  if (gA <= 1n || gA >= p - 1n) return false;
  const u = bytesToBigint(crypto.sha256(concatBytes(input.A, input.B)));
  const vu = crypto.modPow(bytesToBigint(input.v), u, p);
  const sB = crypto.modPow((gA * vu) % p, input.b, p);
  const m2 = srpProof(p, input.g, input.salt1, input.salt2, input.A, input.B, sB, crypto);
  return equalBytes(m2, input.M1);
}
