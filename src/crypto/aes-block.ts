/**
 * Word-level access to AES-256 (FIPS 197) through @noble/ciphers' expanded-key helpers, so modes
 * built here (IGE, CTR) expand the key once per message instead of once per block.
 *
 * Blocks are handled as four 32-bit words in the platform's little-endian view of the bytes,
 * which is what noble's `encrypt`/`decrypt` expect.
 */
import { unsafe } from '@noble/ciphers/aes.js';
import { CryptoInputError } from './errors.js';

/** An expanded AES key schedule (encryption or decryption direction). */
export type AesKeySchedule = Uint32Array;

/** Whether this platform stores Uint32Array words little-endian (all current JS engines do). */
export const isLittleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Checks an AES key length (16, 24 or 32 bytes; MTProto itself only uses AES-256). */
export function assertAesKey(key: Uint8Array): void {
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) {
    throw new CryptoInputError(`AES key must be 16, 24 or 32 bytes, got ${key.length}`);
  }
}

/** Expands `key` for encryption. */
export function expandEncryptKey(key: Uint8Array): AesKeySchedule {
  assertAesKey(key);
  return unsafe.expandKeyLE(key);
}

/** Expands `key` for decryption (equivalent inverse cipher). */
export function expandDecryptKey(key: Uint8Array): AesKeySchedule {
  assertAesKey(key);
  return unsafe.expandKeyDecLE(key);
}

/** The raw one-block functions: (schedule, four words) -> four words. */
export const encryptWords = unsafe.encrypt;
export const decryptWords = unsafe.decrypt;

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
