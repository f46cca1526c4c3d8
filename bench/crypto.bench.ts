/**
 * Crypto benchmarks (issue 2): each backend as a ratio to the native limit measured in the same run
 * (node:crypto AES-256-CBC for IGE, native PBKDF2 + native modpow for the SRP check).
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
import type { BenchHarness, BenchRow } from './harness.js';

const KiB = 1024;
const MiB = 1024 * 1024;

export default async function run(h: BenchHarness): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const key = new Uint8Array(randomBytes(32));
  const iv = new Uint8Array(randomBytes(32));

  for (const [label, size, iterations] of [['1KiB', KiB, 2000], ['1MiB', MiB, 10]] as const) {
    const data = new Uint8Array(randomBytes(size));
    const enc = pureCrypto.aesIgeEncrypt(data, key, iv);
    const cbcEnc = { name: `aes256cbc.encrypt.${label}.native`, ...(await h.measure('cbc', () => {
      const c = createCipheriv('aes-256-cbc', key, iv.subarray(0, 16)).setAutoPadding(false);
      return [c.update(data), c.final()];
    }, { iterations })) };
    const cbcDec = { name: `aes256cbc.decrypt.${label}.native`, ...(await h.measure('cbcd', () => {
      const c = createDecipheriv('aes-256-cbc', key, iv.subarray(0, 16)).setAutoPadding(false);
      return [c.update(enc), c.final()];
    }, { iterations })) };
    rows.push(h.row(cbcEnc.name, cbcEnc), h.row(cbcDec.name, cbcDec));
    for (const p of [pureCrypto, nodeCrypto]) {
      rows.push(h.row(`ige.encrypt.${label}.${p.name}`, await h.measure('e', () => p.aesIgeEncrypt(data, key, iv), { iterations }), cbcEnc));
      rows.push(h.row(`ige.decrypt.${label}.${p.name}`, await h.measure('d', () => p.aesIgeDecrypt(enc, key, iv), { iterations }), cbcDec));
    }
  }

  const pw = new Uint8Array(randomBytes(32));
  const salt = new Uint8Array(randomBytes(40));
  const pbNative = { name: 'pbkdf2-sha512.100k.native', ...(await h.measure('pb', () => pbkdf2Sync(pw, salt, 100_000, 64, 'sha512'), { iterations: 5, warmup: 1 })) };
  rows.push(h.row(pbNative.name, pbNative));
  for (const p of [pureCrypto, nodeCrypto, webCrypto]) {
    rows.push(h.row(`pbkdf2-sha512.100k.${p.name}`, await h.measure('pb', () => p.pbkdf2Sha512(pw, salt, 100_000), { iterations: 3, warmup: 1 }), pbNative));
  }

  // SRP: the whole client check vs the same math composed directly from native calls.
  const p = bigintToBytes(TELEGRAM_DH_PRIME, 256);
  const srpB = bigintToBytes(nodeCrypto.modPow(3n, bytesToBigint(randomBytes(256)), TELEGRAM_DH_PRIME), 256);
  const params = { password: 'hunter2', salt1: salt, salt2: salt.subarray(0, 16), g: 3, p, srpB, srpId: 1n };
  const sha = (...parts: Uint8Array[]) => new Uint8Array(createHash('sha256').update(concatBytes(...parts)).digest());
  const nativeSrp = async () => {
    const pwb = new TextEncoder().encode(params.password);
    const ph1 = sha(params.salt2, sha(params.salt1, pwb, params.salt1), params.salt2);
    const x = bytesToBigint(sha(params.salt2, pbkdf2Sync(ph1, params.salt1, 100_000, 64, 'sha512'), params.salt2));
    const P = TELEGRAM_DH_PRIME, pad = (n: bigint) => bigintToBytes(n, 256);
    const k = bytesToBigint(sha(pad(P), pad(3n)));
    const v = nodeCrypto.modPow(3n, x, P);
    const a = bytesToBigint(randomBytes(256));
    const A = pad(nodeCrypto.modPow(3n, a, P));
    const u = bytesToBigint(sha(A, srpB));
    const t = (((bytesToBigint(srpB) - k * v) % P) + P) % P;
    const s = nodeCrypto.modPow(t, a + u * x, P);
    return sha(xorBytes(sha(pad(P)), sha(pad(3n))), sha(params.salt1), sha(params.salt2), A, srpB, sha(pad(s)));
  };
  const srpNative = { name: 'srp.check.native-composition', ...(await h.measure('srp', nativeSrp, { iterations: 5, warmup: 1 })) };
  rows.push(h.row(srpNative.name, srpNative));
  const random = fixedRandom('bench');
  for (const c of [pureCrypto, nodeCrypto, webCrypto] as CryptoProvider[]) {
    rows.push(h.row(`srp.check.${c.name}`, await h.measure('srp', () => computeSrpCheck(params, random, c), { iterations: c === pureCrypto ? 3 : 5, warmup: 1 }), srpNative));
  }

  const exp = bytesToBigint(randomBytes(256));
  const base = bytesToBigint(randomBytes(255));
  const mpNode = { name: 'modpow.2048.node', ...(await h.measure('mp', () => nodeCrypto.modPow(base, exp, TELEGRAM_DH_PRIME), { iterations: 20 })) };
  rows.push(h.row(mpNode.name, mpNode));
  rows.push(h.row('modpow.2048.pure', await h.measure('mp', () => pureCrypto.modPow(base, exp, TELEGRAM_DH_PRIME), { iterations: 20 }), mpNode));

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
