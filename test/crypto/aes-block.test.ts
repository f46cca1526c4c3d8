// The AES block cipher of the pure backend (src/crypto/aes-block.ts): FIPS 197 Appendix C for each key
// size, and agreement with OpenSSL's AES-ECB (node:crypto) on seeded random keys and blocks.
import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decryptWords,
  encryptWords,
  expandDecryptKey,
  expandEncryptKey,
  fromWords,
  toWords,
} from '../../src/crypto/aes-block.js';
import { bytesToHex, CryptoInputError } from '../../src/crypto/index.js';
import { fixedRandom } from '../helpers/fixed-random.js';
import { h } from './vectors.js';

function encryptBlock(key: Uint8Array, block: Uint8Array): string {
  const w = toWords(block);
  const r = encryptWords(expandEncryptKey(key), w[0]!, w[1]!, w[2]!, w[3]!);
  return bytesToHex(fromWords(Uint32Array.of(r.s0, r.s1, r.s2, r.s3)));
}

function decryptBlock(key: Uint8Array, block: Uint8Array): string {
  const w = toWords(block);
  const r = decryptWords(expandDecryptKey(key), w[0]!, w[1]!, w[2]!, w[3]!);
  return bytesToHex(fromWords(Uint32Array.of(r.s0, r.s1, r.s2, r.s3)));
}

const FIPS_197_C = [
  ['000102030405060708090a0b0c0d0e0f', '69c4e0d86a7b0430d8cdb78070b4c55a'],
  ['000102030405060708090a0b0c0d0e0f1011121314151617', 'dda97ca4864cdfe06eaf70a0ec0d7191'],
  ['000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', '8ea2b7ca516745bfeafc49904b496089'],
] as const;
const PLAINTEXT = h('00112233445566778899aabbccddeeff');

describe('AES block (FIPS 197)', () => {
  for (const [key, cipher] of FIPS_197_C) {
    it(`Appendix C, AES-${key.length * 4}`, () => {
      expect(encryptBlock(h(key), PLAINTEXT)).toBe(cipher);
      expect(decryptBlock(h(key), h(cipher))).toBe(bytesToHex(PLAINTEXT));
    });
  }

  it('matches OpenSSL AES-ECB for random keys of every size', () => {
    const random = fixedRandom('aes-block');
    for (let n = 0; n < 300; n++) {
      const key = random.bytes([16, 24, 32][n % 3]!);
      const block = random.bytes(16);
      const want = createCipheriv(`aes-${key.length * 8}-ecb`, key, null)
        .setAutoPadding(false)
        .update(block);
      expect(encryptBlock(key, block)).toBe(bytesToHex(want));
      expect(decryptBlock(key, want)).toBe(bytesToHex(block));
    }
  });

  it('rejects keys of other lengths', () => {
    expect(() => expandEncryptKey(new Uint8Array(20))).toThrow(CryptoInputError);
    expect(() => expandDecryptKey(new Uint8Array(0))).toThrow(CryptoInputError);
  });
});
