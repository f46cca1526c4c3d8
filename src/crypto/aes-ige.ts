/**
 * AES-256-IGE, the block mode of MTProto (core.telegram.org/mtproto/description; vectors in test/vectors/crypto-ige.json).
 *
 * iv = iv1 (16 bytes, plays c_0) | iv2 (16 bytes, plays p_0).
 * Encrypt: c_i = E(p_i ^ c_{i-1}) ^ p_{i-1}.   Decrypt: p_i = D(c_i ^ p_{i-1}) ^ c_{i-1}.
 * The chaining runs on 32-bit words with the key expanded once per call.
 */
import {
  decryptWords,
  encryptWords,
  expandDecryptKey,
  expandEncryptKey,
  fromWords,
  toWords,
  type AesKeySchedule,
} from './aes-block.js';
import { CryptoInputError } from './errors.js';

/** Validates the IGE arguments shared by every backend. */
export function assertIgeInput(data: Uint8Array, key: Uint8Array, iv: Uint8Array): void {
  // MTProto uses AES-256; 128/192-bit keys are accepted so the published AES-128-IGE vectors apply.
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) {
    throw new CryptoInputError(`AES-IGE key must be 16, 24 or 32 bytes, got ${key.length}`);
  }
  if (iv.length !== 32) throw new CryptoInputError(`AES-256-IGE iv must be 32 bytes, got ${iv.length}`);
  if (data.length % 16 !== 0) throw new CryptoInputError(`AES-IGE data must be a multiple of 16 bytes, got ${data.length}`);
}

/** AES-IGE encryption (AES-256 in MTProto), pure TS. Returns a new array. */
export function aesIgeEncrypt(data: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array {
  assertIgeInput(data, key, iv);
  const xk = expandEncryptKey(key);
  try {
    return igeWords(toWords(data), toWords(iv), xk, encryptWords);
  } finally {
    xk.fill(0);
  }
}

/** AES-IGE decryption (AES-256 in MTProto), pure TS. Returns a new array. */
export function aesIgeDecrypt(data: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array {
  assertIgeInput(data, key, iv);
  const xk = expandDecryptKey(key);
  // Decryption is the same chaining with the roles of iv1/iv2 swapped:
  // p_i = D(c_i ^ p_{i-1}) ^ c_{i-1}, i.e. "previous output" = p, "previous input" = c.
  const ivw = toWords(iv);
  const swapped = new Uint32Array(8);
  swapped.set(ivw.subarray(4, 8), 0);
  swapped.set(ivw.subarray(0, 4), 4);
  try {
    return igeWords(toWords(data), swapped, xk, decryptWords);
  } finally {
    xk.fill(0);
  }
}

type BlockFn = typeof encryptWords;

/**
 * In-place IGE over `w`: out_i = F(in_i ^ prevOut) ^ prevIn, with prevOut = iv[0..4],
 * prevIn = iv[4..8]. Both directions are this loop with a different F and iv order.
 */
function igeWords(w: Uint32Array, iv: Uint32Array, xk: AesKeySchedule, f: BlockFn): Uint8Array {
  let o0 = iv[0]!, o1 = iv[1]!, o2 = iv[2]!, o3 = iv[3]!;
  let i0 = iv[4]!, i1 = iv[5]!, i2 = iv[6]!, i3 = iv[7]!;
  for (let k = 0; k < w.length; k += 4) {
    const x0 = w[k]!, x1 = w[k + 1]!, x2 = w[k + 2]!, x3 = w[k + 3]!;
    const r = f(xk, x0 ^ o0, x1 ^ o1, x2 ^ o2, x3 ^ o3);
    o0 = r.s0 ^ i0;
    o1 = r.s1 ^ i1;
    o2 = r.s2 ^ i2;
    o3 = r.s3 ^ i3;
    w[k] = o0;
    w[k + 1] = o1;
    w[k + 2] = o2;
    w[k + 3] = o3;
    i0 = x0;
    i1 = x1;
    i2 = x2;
    i3 = x3;
  }
  return fromWords(w);
}
