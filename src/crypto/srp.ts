/**
 * SRP-2048 for Telegram 2FA (core.telegram.org/api/srp), client side:
 * `inputCheckPasswordSRP#d27ff082 srp_id:long A:bytes M1:bytes = InputCheckPasswordSRP`
 * for `passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow`.
 * H = SHA256; all numbers are big-endian and padded to 256 bytes when hashed; math is mod p.
 */
import { bigintToBytes, bytesToBigint, concatBytes, xorBytes, zeroize } from './bytes.js';
import { checkDhPrime, checkDhPublicValue } from './dh-checks.js';
import { SecurityError } from './errors.js';
import { pureCrypto } from './pure-crypto.js';
import type { CryptoProvider } from './provider.js';
import type { Random } from './random.js';

/** The algorithm parameters and server values of `account.password`. */
export interface SrpParams {
  /** The password, as typed (UTF-8 encoded here) or already as bytes. */
  password: string | Uint8Array;
  salt1: Uint8Array;
  salt2: Uint8Array;
  g: number;
  /** The 2048-bit prime, big-endian bytes as sent in the algo. */
  p: Uint8Array;
  /** `account.password.srp_B`. */
  srpB: Uint8Array;
  /** `account.password.srp_id`. */
  srpId: bigint;
}

/** The fields of `inputCheckPasswordSRP`. */
export interface SrpCheck {
  srpId: bigint;
  A: Uint8Array;
  M1: Uint8Array;
}

const PBKDF2_ITERATIONS = 100_000;
/** A number as 256 big-endian bytes (how SRP hashes and sends numbers). */
export const pad256 = (n: bigint): Uint8Array => bigintToBytes(n, 256);
const utf8 = (s: string | Uint8Array): Uint8Array => (typeof s === 'string' ? new TextEncoder().encode(s) : s);

/** SH(data, salt) = H(salt | data | salt). */
function sh(crypto: CryptoProvider, data: Uint8Array, salt: Uint8Array): Uint8Array {
  return crypto.sha256(concatBytes(salt, data, salt));
}

/** PH2(pw, s1, s2) = SH(PBKDF2-HMAC-SHA512(SH(SH(pw, s1), s2), s1, 100000), s2): the x of SRP. */
export async function srpPasswordHash(password: string | Uint8Array, salt1: Uint8Array, salt2: Uint8Array, crypto: CryptoProvider = pureCrypto): Promise<Uint8Array> {
  const pw = utf8(password);
  const inner = sh(crypto, pw, salt1);
  const ph1 = sh(crypto, inner, salt2);
  const derived = await crypto.pbkdf2Sha512(ph1, salt1, PBKDF2_ITERATIONS);
  const ph2 = sh(crypto, derived, salt2);
  zeroize(inner, ph1, derived);
  if (typeof password === 'string') zeroize(pw);
  return ph2;
}

/** k = H(pad256(p) | pad256(g)). */
export function srpK(p: bigint, g: number, crypto: CryptoProvider = pureCrypto): bigint {
  return bytesToBigint(crypto.sha256(concatBytes(pad256(p), pad256(BigInt(g)))));
}

/** M = H(H(p) XOR H(g) | H(salt1) | H(salt2) | A | B | H(pad256(s))), the proof both sides compute. */
export function srpProof(p: bigint, g: number, salt1: Uint8Array, salt2: Uint8Array, A: Uint8Array, B: Uint8Array, s: bigint, crypto: CryptoProvider = pureCrypto): Uint8Array {
  const sBytes = pad256(s);
  const kS = crypto.sha256(sBytes);
  const m = crypto.sha256(
    concatBytes(xorBytes(crypto.sha256(pad256(p)), crypto.sha256(pad256(BigInt(g)))), crypto.sha256(salt1), crypto.sha256(salt2), A, B, kS),
  );
  zeroize(sBytes, kS);
  return m;
}

/**
 * Computes `inputCheckPasswordSRP` (core.telegram.org/api/srp) after the client checks of core.telegram.org/mtproto/security_guidelines: p a safe 2048-bit prime
 * with g's residue condition, 0 < g_b < p (`srp.gB.range`), g_a and t = g_b - k*v in the 2^1984
 * ranges (`srp.gA.range`, `srp.t.range`); u = 0 or a bad g_a makes it pick a fresh `a`.
 */
export async function computeSrpCheck(params: SrpParams, random: Random, crypto: CryptoProvider = pureCrypto): Promise<SrpCheck> {
  const { salt1, salt2, g, srpB, srpId } = params;
  if (params.p.length !== 256 || srpB.length > 256) throw new SecurityError('srp.params.size', 'SRP p or srp_B has a wrong size');
  const p = bytesToBigint(params.p);
  checkDhPrime(p, g, crypto);
  const gB = bytesToBigint(srpB);
  if (gB <= 0n || gB >= p) throw new SecurityError('srp.gB.range', 'srp_B is not in (0, p)');
  const B = pad256(gB);
  // PBKDF2 (the bulk of the time) may run off the main thread (node:crypto, WebCrypto): a, g_a and
  // u do not depend on the password, so they are computed while it runs.
  const hashing = srpPasswordHash(params.password, salt1, salt2, crypto);
  hashing.catch(() => undefined); // awaited below; this only keeps a failure there from being "unhandled" meanwhile
  let a: bigint;
  let A: Uint8Array;
  let u: bigint;
  for (;;) {
    const aBytes = random.bytes(256);
    // g^a depends on a only mod p-1 (p is a checked prime): reduced, the exponent stays below p,
    // which the native modpow needs to do it in one pass (a 2048-bit a is >= p ~22% of the time).
    a = bytesToBigint(aBytes) % (p - 1n);
    zeroize(aBytes);
    const gA = crypto.modPow(BigInt(g), a, p);
    try {
      checkDhPublicValue(gA, p, 'srp.gA');
    } catch {
      continue; // our own a was unlucky (probability ~2^-64): draw another
    }
    A = pad256(gA);
    u = bytesToBigint(crypto.sha256(concatBytes(A, B)));
    if (u !== 0n) break;
  }
  const xBytes = await hashing;
  const x = bytesToBigint(xBytes);
  zeroize(xBytes);
  const k = srpK(p, g, crypto);
  const v = crypto.modPow(BigInt(g), x, p);
  const t = (((gB - ((k * v) % p)) % p) + p) % p;
  checkDhPublicValue(t, p, 'srp.t');
  // p is a checked prime and t < p, so the exponent works mod p-1 (the same s_a): a + u*x is often
  // >= p, which would cost a native modpow twice.
  const sA = crypto.modPow(t, (a + u * x) % (p - 1n), p);
  return { srpId, A, M1: srpProof(p, g, salt1, salt2, A, B, sA, crypto) };
}
