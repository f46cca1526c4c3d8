/**
 * The AES block cipher (FIPS 197) on 32-bit words, for the modes built here (IGE, CTR), which
 * expand a key once per message and then run whole blocks through `encryptWords`/`decryptWords`.
 *
 * A block is four words, one per state column, each holding its column's bytes little-endian
 * (row 0 in the low byte): the platform's view of the bytes on every current JS engine (`toWords`
 * swaps on a big-endian host). Rounds use the usual tables, computed once at load: the S-box and
 * its inverse, and the four rotations of SubBytes+MixColumns (and of InvSubBytes+InvMixColumns),
 * 8 KiB in all. Decryption is FIPS 197 §5.3.5's equivalent inverse cipher.
 */
import { CryptoInputError } from './errors.js';

/** An expanded AES key schedule (encryption or decryption direction). */
export type AesKeySchedule = Uint32Array;

/** One block as four column words. */
export interface AesBlockWords {
  s0: number;
  s1: number;
  s2: number;
  s3: number;
}

/** Whether this platform stores Uint32Array words little-endian (all current JS engines do). */
export const isLittleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Multiplication by x (i.e. 2) in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1. */
const xtime = (a: number): number => ((a << 1) ^ (a & 0x80 ? 0x11b : 0)) & 0xff;

/** Multiplication in GF(2^8). */
function gmul(a: number, b: number): number {
  let product = 0;
  for (; b; b >>= 1, a = xtime(a)) if (b & 1) product ^= a;
  return product;
}

const rotl8 = (w: number): number => (w << 8) | (w >>> 24);

const SBOX = new Uint8Array(256);
const INV_SBOX = new Uint8Array(256);
/** Encryption round tables: TE[r][x] is byte x's S-box value mixed into a column from row r. */
const TE = [0, 1, 2, 3].map(() => new Uint32Array(256));
/** Decryption round tables, the same for the inverse S-box and InvMixColumns. */
const TD = [0, 1, 2, 3].map(() => new Uint32Array(256));
const [TE0, TE1, TE2, TE3] = TE as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
const [TD0, TD1, TD2, TD3] = TD as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];

// FIPS 197 §5.1.1: S(x) = affine(x^-1). Walking p over the powers of the generator 3 and q over
// those of its inverse (q = p^-1 at every step) visits every non-zero x with its inverse.
SBOX[0] = 0x63;
for (let p = 1, q = 1, i = 0; i < 255; i++) {
  p ^= xtime(p); // p *= 3
  q ^= q << 1; // q /= 3: q *= 0xf6, as shifts and xors
  q ^= q << 2;
  q ^= q << 4;
  q &= 0xff;
  if (q & 0x80) q ^= 0x09;
  const rot = (n: number) => (q << n) | (q >>> (8 - n));
  SBOX[p] = (q ^ rot(1) ^ rot(2) ^ rot(3) ^ rot(4) ^ 0x63) & 0xff;
}
for (let x = 0; x < 256; x++) {
  const s = SBOX[x]!;
  INV_SBOX[s] = x;
  // MixColumns column (2, 1, 1, 3)·s and InvMixColumns column (14, 9, 13, 11)·s, little-endian.
  const e = gmul(s, 2) | (s << 8) | (s << 16) | (gmul(s, 3) << 24);
  const d = gmul(x, 14) | (gmul(x, 9) << 8) | (gmul(x, 13) << 16) | (gmul(x, 11) << 24);
  for (let r = 0, we = e, wd = d; r < 4; r++, we = rotl8(we), wd = rotl8(wd)) {
    TE[r]![x] = we;
    TD[r]![s] = wd;
  }
}

/** Checks an AES key length (16, 24 or 32 bytes; MTProto itself only uses AES-256). */
export function assertAesKey(key: Uint8Array): void {
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) {
    throw new CryptoInputError(`AES key must be 16, 24 or 32 bytes, got ${key.length}`);
  }
}

/** SubWord of FIPS 197 §5.2: the S-box on each byte of `w`. */
function subWord(w: number): number {
  return (
    SBOX[w & 0xff]! |
    (SBOX[(w >>> 8) & 0xff]! << 8) |
    (SBOX[(w >>> 16) & 0xff]! << 16) |
    (SBOX[w >>> 24]! << 24)
  );
}

/** Expands `key` for encryption (FIPS 197 §5.2): 4 * (rounds + 1) words. */
export function expandEncryptKey(key: Uint8Array): AesKeySchedule {
  assertAesKey(key);
  const nk = key.length / 4;
  const xk = new Uint32Array(4 * (nk + 7));
  for (let i = 0; i < nk; i++)
    xk[i] = key[4 * i]! | (key[4 * i + 1]! << 8) | (key[4 * i + 2]! << 16) | (key[4 * i + 3]! << 24);
  for (let i = nk, rcon = 1; i < xk.length; i++) {
    let t = xk[i - 1]!;
    if (i % nk === 0) {
      t = subWord((t >>> 8) | (t << 24)) ^ rcon; // RotWord moves byte 0 to the top
      rcon = xtime(rcon);
    } else if (nk > 6 && i % nk === 4) t = subWord(t);
    xk[i] = xk[i - nk]! ^ t;
  }
  return xk;
}

/** Expands `key` for decryption: the encryption schedule reversed, InvMixColumns on the inner rounds. */
export function expandDecryptKey(key: Uint8Array): AesKeySchedule {
  const ek = expandEncryptKey(key);
  const dk = new Uint32Array(ek.length);
  const last = ek.length - 4;
  for (let i = 0; i < ek.length; i += 4) {
    for (let j = 0; j < 4; j++) {
      const w = ek[last - i + j]!;
      const inner = i > 0 && i < last;
      // InvMixColumns(w) = TD applied to S(w), since TD already includes the inverse S-box.
      dk[i + j] = inner
        ? TD0[SBOX[w & 0xff]!]! ^
          TD1[SBOX[(w >>> 8) & 0xff]!]! ^
          TD2[SBOX[(w >>> 16) & 0xff]!]! ^
          TD3[SBOX[w >>> 24]!]!
        : w;
    }
  }
  ek.fill(0);
  return dk;
}

/** Encrypts one block (four column words) with an encryption schedule. */
export function encryptWords(
  xk: AesKeySchedule,
  s0: number,
  s1: number,
  s2: number,
  s3: number,
): AesBlockWords {
  s0 ^= xk[0]!;
  s1 ^= xk[1]!;
  s2 ^= xk[2]!;
  s3 ^= xk[3]!;
  let k = 4;
  // ShiftRows: row r of column c comes from column c + r.
  for (const last = xk.length - 4; k < last; k += 4) {
    const t0 =
      TE0[s0 & 0xff]! ^ TE1[(s1 >>> 8) & 0xff]! ^ TE2[(s2 >>> 16) & 0xff]! ^ TE3[s3 >>> 24]! ^ xk[k]!;
    const t1 =
      TE0[s1 & 0xff]! ^ TE1[(s2 >>> 8) & 0xff]! ^ TE2[(s3 >>> 16) & 0xff]! ^ TE3[s0 >>> 24]! ^ xk[k + 1]!;
    const t2 =
      TE0[s2 & 0xff]! ^ TE1[(s3 >>> 8) & 0xff]! ^ TE2[(s0 >>> 16) & 0xff]! ^ TE3[s1 >>> 24]! ^ xk[k + 2]!;
    s3 = TE0[s3 & 0xff]! ^ TE1[(s0 >>> 8) & 0xff]! ^ TE2[(s1 >>> 16) & 0xff]! ^ TE3[s2 >>> 24]! ^ xk[k + 3]!;
    s0 = t0;
    s1 = t1;
    s2 = t2;
  }
  return {
    s0: finalColumn(SBOX, s0, s1, s2, s3) ^ xk[k]!,
    s1: finalColumn(SBOX, s1, s2, s3, s0) ^ xk[k + 1]!,
    s2: finalColumn(SBOX, s2, s3, s0, s1) ^ xk[k + 2]!,
    s3: finalColumn(SBOX, s3, s0, s1, s2) ^ xk[k + 3]!,
  };
}

/** Decrypts one block (four column words) with a decryption schedule. */
export function decryptWords(
  xk: AesKeySchedule,
  s0: number,
  s1: number,
  s2: number,
  s3: number,
): AesBlockWords {
  s0 ^= xk[0]!;
  s1 ^= xk[1]!;
  s2 ^= xk[2]!;
  s3 ^= xk[3]!;
  let k = 4;
  // InvShiftRows: row r of column c comes from column c - r.
  for (const last = xk.length - 4; k < last; k += 4) {
    const t0 =
      TD0[s0 & 0xff]! ^ TD1[(s3 >>> 8) & 0xff]! ^ TD2[(s2 >>> 16) & 0xff]! ^ TD3[s1 >>> 24]! ^ xk[k]!;
    const t1 =
      TD0[s1 & 0xff]! ^ TD1[(s0 >>> 8) & 0xff]! ^ TD2[(s3 >>> 16) & 0xff]! ^ TD3[s2 >>> 24]! ^ xk[k + 1]!;
    const t2 =
      TD0[s2 & 0xff]! ^ TD1[(s1 >>> 8) & 0xff]! ^ TD2[(s0 >>> 16) & 0xff]! ^ TD3[s3 >>> 24]! ^ xk[k + 2]!;
    s3 = TD0[s3 & 0xff]! ^ TD1[(s2 >>> 8) & 0xff]! ^ TD2[(s1 >>> 16) & 0xff]! ^ TD3[s0 >>> 24]! ^ xk[k + 3]!;
    s0 = t0;
    s1 = t1;
    s2 = t2;
  }
  return {
    s0: finalColumn(INV_SBOX, s0, s3, s2, s1) ^ xk[k]!,
    s1: finalColumn(INV_SBOX, s1, s0, s3, s2) ^ xk[k + 1]!,
    s2: finalColumn(INV_SBOX, s2, s1, s0, s3) ^ xk[k + 2]!,
    s3: finalColumn(INV_SBOX, s3, s2, s1, s0) ^ xk[k + 3]!,
  };
}

/** The last round's column (no MixColumns): row r's byte taken from the r-th word given. */
function finalColumn(box: Uint8Array, a: number, b: number, c: number, d: number): number {
  return (
    box[a & 0xff]! | (box[(b >>> 8) & 0xff]! << 8) | (box[(c >>> 16) & 0xff]! << 16) | (box[d >>> 24]! << 24)
  );
}

/**
 * Copies `bytes` into a fresh 4-byte-aligned buffer and returns its word view, swapping to
 * little-endian word order on big-endian hosts so the block functions see the same words.
 */
export function toWords(bytes: Uint8Array): Uint32Array {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  const words = new Uint32Array(copy.buffer, 0, bytes.length >>> 2);
  if (!isLittleEndian) swapWords(words);
  return words;
}

/** The bytes behind `words` (undoing the big-endian swap of `toWords`). Consumes `words`. */
export function fromWords(words: Uint32Array): Uint8Array {
  if (!isLittleEndian) swapWords(words);
  return new Uint8Array(words.buffer, words.byteOffset, words.byteLength);
}

function swapWords(words: Uint32Array): void {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    words[i] = ((w & 0xff) << 24) | ((w & 0xff00) << 8) | ((w >>> 8) & 0xff00) | (w >>> 24);
  }
}
