/**
 * Diffie–Hellman parameter checks (core.telegram.org/mtproto/security_guidelines, security checklist core.telegram.org/mtproto/security_guidelines, core.telegram.org/mtproto/security_guidelines), shared by the
 * auth key handshake and SRP. Every failure throws `SecurityError` with a named `check`.
 */
import { bytesToHex } from './bytes.js';
import { bigintToBytes } from './bytes.js';
import { SecurityError } from './errors.js';
import { isProbablePrime } from './is-probable-prime.js';
import { modPow as bigintModPow } from './mod-pow.js';
import type { CryptoProvider } from './provider.js';

/** Telegram's 2048-bit safe prime (core.telegram.org/mtproto/security_guidelines), used for the handshake and as SRP `p`. */
export const TELEGRAM_DH_PRIME = BigInt(
  '0xc71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930f48198a0aa7c1405822949' +
    '3d22530f4dbfa336f6e0ac925139543aed44cce7c3720fd51f69458705ac68cd4fe6b6b13abdc9746512969328454f18faf8c595f' +
    '642477fe96bb2a941d5bcd1d4ac8cc49880708fa9b378e3c4f3a9060bee67cf9a4a4a695811051907e162753b56b0f6b410dba74d8' +
    'a84b2a14b3144e0ef1284754fd17ed950d5965b4b9dd46582db1178d169c6bc465b0d6ff9ca3928fef5b9ae4e418fc15e83ebea0f8' +
    '7fa9ff5eed70050ded2849f47bf959d956850ce929851f0d8115f635b105ee2e4e15d04b2454bf6f4fadf034b10403119cd8e3b92fcc5b',
);

/**
 * Primes already proven safe in this process. Miller–Rabin on a 2048-bit safe prime costs dozens
 * of modpows, and servers reuse one prime, so the result is cached (core.telegram.org/mtproto/security_guidelines allows caching) and the
 * well-known prime is trusted from the start (core.telegram.org/mtproto/security_guidelines allows hard-coding it).
 */
const knownSafePrimes = new Set<string>([TELEGRAM_DH_PRIME.toString(16)]);

const TWO_2047 = 1n << 2047n;
const TWO_2048 = 1n << 2048n;
const TWO_1984 = 1n << 1984n;

/** Is `g` a generator of the subgroup of order (p-1)/2 (quadratic-residue conditions of core.telegram.org/mtproto/security_guidelines)? */
function gConditionHolds(p: bigint, g: number): boolean {
  switch (g) {
    case 2: return p % 8n === 7n;
    case 3: return p % 3n === 2n;
    case 4: return true;
    case 5: { const r = p % 5n; return r === 1n || r === 4n; }
    case 6: { const r = p % 24n; return r === 19n || r === 23n; }
    case 7: { const r = p % 7n; return r === 3n || r === 5n || r === 6n; }
    default: return false;
  }
}

/**
 * Checks `dh_prime` and `g` (core.telegram.org/mtproto/security_guidelines): 2^2047 < p < 2^2048, p and (p-1)/2 prime, g in 2..7 with its
 * residue condition. Checks: `dh.prime.size`, `dh.prime.safe`, `dh.g.range`, `dh.g.residue`.
 */
export function checkDhPrime(p: bigint, g: number, crypto?: CryptoProvider): void {
  if (!Number.isInteger(g) || g < 2 || g > 7) throw new SecurityError('dh.g.range', `g = ${g} is not in 2..7`);
  if (p <= TWO_2047 || p >= TWO_2048) throw new SecurityError('dh.prime.size', 'dh_prime is not a 2048-bit number');
  if (!gConditionHolds(p, g)) throw new SecurityError('dh.g.residue', `g = ${g} does not generate the prime-order subgroup`);
  const key = p.toString(16);
  if (knownSafePrimes.has(key)) return;
  const modPow = crypto ? crypto.modPow.bind(crypto) : bigintModPow;
  // (p-1)/2 first: a random prime p is rarely safe, so this usually fails fastest.
  if (!isProbablePrime((p - 1n) / 2n, 20, { modPow }) || !isProbablePrime(p, 20, { modPow })) {
    throw new SecurityError('dh.prime.safe', 'dh_prime is not a safe prime');
  }
  knownSafePrimes.add(key);
}

/**
 * Checks a DH public value (g_a, g_b, or SRP's g_a/g_b) against p (core.telegram.org/mtproto/security_guidelines): 1 < v < p-1 and the
 * recommended 2^(2048-64) <= v <= p - 2^(2048-64). `name` names the check, e.g. `'dh.gA'` gives
 * `'dh.gA.range'`. Accepts the value as a bigint or as big-endian bytes (at most 256).
 */
export function checkDhPublicValue(value: bigint | Uint8Array, p: bigint, name: string): void {
  if (value instanceof Uint8Array) {
    if (value.length > 256) throw new SecurityError(`${name}.range`, `${name} is longer than 256 bytes`);
    value = BigInt('0x0' + bytesToHex(value));
  }
  if (value <= 1n || value >= p - 1n) throw new SecurityError(`${name}.range`, `${name} is not in (1, p-1)`);
  if (value < TWO_1984 || value > p - TWO_1984) {
    throw new SecurityError(`${name}.range`, `${name} is not in [2^1984, p - 2^1984]`);
  }
}

/** g^x mod p as 256 big-endian bytes (the padded form used on the wire and in SRP hashes). */
export function dhPower(g: bigint, x: bigint, p: bigint, crypto?: CryptoProvider): Uint8Array {
  return bigintToBytes(crypto ? crypto.modPow(g, x, p) : bigintModPow(g, x, p), 256);
}
