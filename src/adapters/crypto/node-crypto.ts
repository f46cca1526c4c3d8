/**
 * The node:crypto `CryptoProvider` (OpenSSL): native hashes, PBKDF2, AES-CTR, IGE encryption via
 * one AES-CBC call, and modpow via raw RSA (no padding). IGE decryption stays on the pure word-level
 * code: it is inherently sequential through the plaintext and per-block native calls measured ~4x
 * slower than it (bench/README.md).
 */
import {
  constants,
  createCipheriv,
  createHash,
  createPublicKey,
  pbkdf2 as nodePbkdf2,
  publicEncrypt,
} from 'node:crypto';
import {
  assertCtrInput,
  assertIgeInput,
  assertIterations,
  bigintToBytes,
  CryptoInputError,
  modPow as bigintModPow,
  pureCrypto,
  type AesCtr,
  type CryptoProvider,
} from '../../crypto/index.js';
import { defaultPowWorkerCount, PowWorkers, type WasmPbkdf2Mode } from './node-pow-workers.js';

export type { WasmPbkdf2Mode } from './node-pow-workers.js';

/** A Buffer result as a plain Uint8Array view (no copy), so callers never see Buffer. */
const plain = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

const cbcName = (key: Uint8Array): string => `aes-${key.length * 8}-cbc`;

/**
 * out[outOff..+len] = a[aOff..] ^ b[bOff..], on the widest words every offset allows: 64-bit lanes
 * (V8 compiles BigUint64Array XOR to plain 64-bit ops: ~2x the 32-bit loop), else 32-bit, else bytes.
 * `len` is a multiple of 16 here; any tail is done byte-wise.
 */
function xorInto(out: Uint8Array, outOff: number, a: Uint8Array, aOff: number, b: Uint8Array, bOff: number, len: number): void {
  const o = out.byteOffset + outOff, x = a.byteOffset + aOff, y = b.byteOffset + bOff;
  const align = o | x | y;
  let done = 0;
  if ((align & 7) === 0) {
    const n = len >>> 3;
    const ow = new BigUint64Array(out.buffer, o, n);
    const aw = new BigUint64Array(a.buffer, x, n);
    const bw = new BigUint64Array(b.buffer, y, n);
    for (let i = 0; i < n; i++) ow[i] = aw[i]! ^ bw[i]!;
    done = n << 3;
  } else if ((align & 3) === 0) {
    const n = len >>> 2;
    const ow = new Uint32Array(out.buffer, o, n);
    const aw = new Uint32Array(a.buffer, x, n);
    const bw = new Uint32Array(b.buffer, y, n);
    for (let i = 0; i < n; i++) ow[i] = aw[i]! ^ bw[i]!;
    done = n << 2;
  }
  for (let i = done; i < len; i++) out[outOff + i] = a[aOff + i]! ^ b[bOff + i]!;
}

/**
 * IGE encryption as CBC: with d_i = E(p_i ^ c_{i-1}) and c_i = d_i ^ p_{i-1}, the chain is
 * d_i = E(x_i ^ d_{i-1}) for x_i = p_i ^ p_{i-2} and d_0 = iv1, taking p_0 = iv2 and p_{-1} = 0:
 * one native CBC pass plus two XOR passes. Neither buffer is zero-filled first (both are written
 * whole), and the CBC output is XORed in place, so the only allocations are the two OpenSSL-sized ones.
 */
function igeEncrypt(data: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array {
  assertIgeInput(data, key, iv);
  const n = data.length;
  const x = Buffer.allocUnsafe(n);
  const iv2 = iv.subarray(16, 32);
  if (n >= 16) x.set(data.subarray(0, 16)); // x_1 = p_1 ^ p_{-1} = p_1
  if (n >= 32) xorInto(x, 16, data, 16, iv2, 0, 16); // x_2 = p_2 ^ p_0
  if (n > 32) xorInto(x, 32, data, 32, data, 0, n - 32); // x_i = p_i ^ p_{i-2}
  const cipher = createCipheriv(cbcName(key), key, iv.subarray(0, 16)).setAutoPadding(false);
  // Block-aligned input without padding: update() returns everything, final() nothing.
  const d = cipher.update(x);
  cipher.final();
  x.fill(0);
  // Pooled Buffers may sit at unaligned offsets; a copy keeps the XOR below on whole words.
  const out = d.byteOffset % 8 === 0 ? plain(d) : new Uint8Array(d);
  if (n >= 16) xorInto(out, 0, out, 0, iv2, 0, 16); // c_1 = d_1 ^ p_0
  if (n > 16) xorInto(out, 16, out, 16, data, 0, n - 16); // c_i = d_i ^ p_{i-1}
  return out;
}

/** Node's streaming AES-256-CTR keeps the counter and the partial block between updates. */
function createAesCtr(key: Uint8Array, iv: Uint8Array): AesCtr {
  assertCtrInput(key, iv);
  const cipher = createCipheriv('aes-256-ctr', key, iv);
  return { update: (data) => plain(cipher.update(data)) };
}

const b64url = (n: bigint): string => Buffer.from(bigintToBytes(n)).toString('base64url');

/**
 * base^exp mod m through OpenSSL: an RSA "public key" (n = m, e = exp) and raw RSA without padding
 * compute exactly base^exp mod m (~5x faster than bigint for 2048 bits). OpenSSL's Montgomery code
 * needs an odd modulus, and tiny moduli/exponents are faster in bigint, so those stay there.
 */
function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  if (m <= 0n) throw new CryptoInputError('modPow: modulus must be positive');
  if (base < 0n || exp < 0n) throw new CryptoInputError('modPow: base and exponent must be non-negative');
  if ((m & 1n) === 0n || m < 1n << 511n || exp < 2n) return bigintModPow(base, exp, m);
  if (exp >= m) {
    // OpenSSL rejects e >= n ("bad e value"): split exp = hi * 2^k + lo with 2^k < m, so
    // base^exp = (base^hi)^(2^k) * base^lo, every exponent below m.
    const k = BigInt(m.toString(2).length - 1);
    const hi = modPow(base, exp >> k, m);
    return (modPow(hi, 1n << k, m) * modPow(base, exp & ((1n << k) - 1n), m)) % m;
  }
  const len = bigintToBytes(m).length;
  const key = createPublicKey({ key: { kty: 'RSA', n: b64url(m), e: b64url(exp) }, format: 'jwk' });
  const out = publicEncrypt({ key, padding: constants.RSA_NO_PADDING }, bigintToBytes(base % m, len));
  return BigInt('0x' + out.toString('hex'));
}

/** PBKDF2-HMAC-SHA512 on libuv's thread pool (OpenSSL). */
async function opensslPbkdf2Sha512(password: Uint8Array, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  return await new Promise((resolve, reject) => {
    nodePbkdf2(password, salt, iterations, 64, 'sha512', (err, key) => (err ? reject(err) : resolve(plain(key))));
  });
}

/** Options of {@link createNodeCrypto}. */
export interface NodeCryptoOptions {
  /**
   * Worker threads for `startModPow` (the key exchange's g^b and g_a^b): default one per core
   * beyond the main thread's, 1..4; 0 computes every modpow on the calling thread.
   */
  readonly powWorkers?: number;
  /**
   * 2FA's PBKDF2 in WebAssembly on those workers: 'auto' (default) where it measured faster than
   * OpenSSL's on this machine, 'always', or 'never' (OpenSSL on libuv's thread pool, as with no workers).
   */
  readonly wasmPbkdf2?: WasmPbkdf2Mode;
}

/** A node:crypto backend with its own modpow workers (started on first use, never keeping the process alive). */
export function createNodeCrypto(options: NodeCryptoOptions = {}): CryptoProvider {
  const workers = new PowWorkers(options.powWorkers ?? defaultPowWorkerCount(), modPow, options.wasmPbkdf2);
  const pbkdf2Sha512 = async (password: Uint8Array, salt: Uint8Array, iterations: number): Promise<Uint8Array> => {
    assertIterations(iterations);
    return (await workers.pbkdf2(password, salt, iterations)) ?? (await opensslPbkdf2Sha512(password, salt, iterations));
  };
  return Object.freeze({
    name: 'node',
    sha1: (data: Uint8Array) => plain(createHash('sha1').update(data).digest()),
    sha256: (data: Uint8Array) => plain(createHash('sha256').update(data).digest()),
    aesIgeEncrypt: igeEncrypt,
    aesIgeDecrypt: pureCrypto.aesIgeDecrypt,
    createAesCtr,
    pbkdf2Sha512,
    modPow,
    startModPow: (base: bigint, exp: bigint, mod: bigint) => workers.start(base, exp, mod),
  });
}

/** The node:crypto backend (default options: modpow workers as the cores allow). */
export const nodeCrypto: CryptoProvider = createNodeCrypto();
