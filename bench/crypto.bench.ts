/**
 * Crypto benchmarks (issue 2): each backend as a ratio to the native limit measured in the same run
 * (node:crypto AES-256-CBC for IGE, native PBKDF2 + native modpow for the SRP check). Baselines
 * and candidates run interleaved so a loaded machine slows both alike.
 */
import { createCipheriv, createDecipheriv, createHash, pbkdf2Sync, randomBytes } from 'node:crypto';
import { nodeCrypto, webCrypto } from '../src/adapters/crypto/index.js';
import {
  bigintToBytes,
  bytesToBigint,
  computeSrpCheck,
  concatBytes,
  factorizePq,
  isProbablePrime,
  pureCrypto,
  TELEGRAM_DH_PRIME,
  xorBytes,
  type CryptoProvider,
} from '../src/crypto/index.js';
import { fixedRandom } from '../test/helpers/fixed-random.js';
import type { BenchHarness, BenchRow, MeasureOptions } from './harness.js';

const KiB = 1024;
const MiB = 1024 * 1024;

/**
 * Measures each candidate interleaved with the baseline, one pair at a time, and returns the rows
 * (each ratio against the baseline of its own pair). Pairs, not one round of everything: a slow
 * candidate's garbage (the pure backend allocates per block) would otherwise be collected during
 * the native calls and inflate the baseline. The baseline row is its first pair's measurement.
 */
async function compare(h: BenchHarness, baseline: [string, () => unknown], candidates: [string, () => unknown][], options: MeasureOptions): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [name, fn] of candidates) {
    const [base, mine] = await h.measureInterleaved([baseline[1], fn], options);
    const b = { name: baseline[0], ...base! };
    if (rows.length === 0) rows.push(h.row(b.name, b));
    rows.push(h.row(name, mine!, b));
  }
  return rows;
}

export default async function run(h: BenchHarness): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const key = new Uint8Array(randomBytes(32));
  const iv = new Uint8Array(randomBytes(32));
  const backends = [pureCrypto, nodeCrypto];

  for (const [label, size, iterations] of [['1KiB', KiB, 2000], ['1MiB', MiB, 60]] as const) {
    const data = new Uint8Array(randomBytes(size));
    const enc = pureCrypto.aesIgeEncrypt(data, key, iv);
    const cbc = () => {
      const c = createCipheriv('aes-256-cbc', key, iv.subarray(0, 16)).setAutoPadding(false);
      return [c.update(data), c.final()];
    };
    const cbcDecrypt = () => {
      const c = createDecipheriv('aes-256-cbc', key, iv.subarray(0, 16)).setAutoPadding(false);
      return [c.update(enc), c.final()];
    };
    rows.push(...(await compare(h, [`aes256cbc.encrypt.${label}.native`, cbc], backends.map((p) => [`ige.encrypt.${label}.${p.name}`, () => p.aesIgeEncrypt(data, key, iv)]), { iterations })));
    rows.push(...(await compare(h, [`aes256cbc.decrypt.${label}.native`, cbcDecrypt], backends.map((p) => [`ige.decrypt.${label}.${p.name}`, () => p.aesIgeDecrypt(enc, key, iv)]), { iterations })));
  }

  const pw = new Uint8Array(randomBytes(32));
  const salt = new Uint8Array(randomBytes(40));
  rows.push(...(await compare(h, ['pbkdf2-sha512.100k.native', () => pbkdf2Sync(pw, salt, 100_000, 64, 'sha512')],
    [pureCrypto, nodeCrypto, webCrypto].map((p) => [`pbkdf2-sha512.100k.${p.name}`, () => p.pbkdf2Sha512(pw, salt, 100_000)]), { iterations: 5, warmup: 1 })));

  // SRP: the whole client check vs the same math composed directly from native calls.
  const P = TELEGRAM_DH_PRIME;
  const pad = (n: bigint) => bigintToBytes(n, 256);
  const srpB = pad(nodeCrypto.modPow(3n, bytesToBigint(randomBytes(256)), P));
  const params = { password: 'hunter2', salt1: salt, salt2: salt.subarray(0, 16), g: 3, p: pad(P), srpB, srpId: 1n };
  const sha = (...parts: Uint8Array[]) => new Uint8Array(createHash('sha256').update(concatBytes(...parts)).digest());
  const random = fixedRandom('bench');
  const nativeSrp = () => {
    const pwb = new TextEncoder().encode(params.password);
    const ph1 = sha(params.salt2, sha(params.salt1, pwb, params.salt1), params.salt2);
    const x = bytesToBigint(sha(params.salt2, pbkdf2Sync(ph1, params.salt1, 100_000, 64, 'sha512'), params.salt2));
    const k = bytesToBigint(sha(pad(P), pad(3n)));
    const v = nodeCrypto.modPow(3n, x, P);
    const a = bytesToBigint(random.bytes(256));
    const A = pad(nodeCrypto.modPow(3n, a, P));
    const u = bytesToBigint(sha(A, srpB));
    const t = (((bytesToBigint(srpB) - k * v) % P) + P) % P;
    const s = nodeCrypto.modPow(t, a + u * x, P);
    return sha(xorBytes(sha(pad(P)), sha(pad(3n))), sha(params.salt1), sha(params.salt2), A, srpB, sha(pad(s)));
  };
  rows.push(...(await compare(h, ['srp.check.native-composition', nativeSrp],
    ([nodeCrypto, webCrypto] as CryptoProvider[]).map((c) => [`srp.check.${c.name}`, () => computeSrpCheck(params, random, c)]), { iterations: 8, warmup: 1 })));
  rows.push(...(await compare(h, ['srp.check.native-composition', nativeSrp], [['srp.check.pure', () => computeSrpCheck(params, random, pureCrypto)]], { iterations: 3, warmup: 1 })).slice(1));

  const exp = bytesToBigint(randomBytes(256)) >> 1n; // below p, the common case
  const base = bytesToBigint(randomBytes(255));
  rows.push(...(await compare(h, ['modpow.2048.node', () => nodeCrypto.modPow(base, exp, P)], [['modpow.2048.pure', () => pureCrypto.modPow(base, exp, P)]], { iterations: 20 })));

  // Factorization of Telegram-size pq: a fixed set of random 31x32-bit semiprimes, cycled.
  const r = fixedRandom('pq');
  const prime = (bits: number) => {
    let x = (bytesToBigint(r.bytes(4)) >> BigInt(32 - bits)) | (1n << BigInt(bits - 1)) | 1n;
    while (!isProbablePrime(x)) x += 2n;
    return x;
  };
  const pqs = Array.from({ length: 25 }, () => prime(31) * prime(32));
  let i = 0;
  rows.push(h.row('factorize-pq.63bit', await h.measure('pq', () => factorizePq(pqs[i++ % pqs.length]!), { iterations: 50, warmup: 3 })));
  rows.push(h.row('factorize-pq.docs-sample', await h.measure('pq', () => factorizePq(0x1460e7d3fa727791n), { iterations: 20 })));
  return rows;
}
