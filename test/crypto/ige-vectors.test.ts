import { describe, expect, it } from 'vitest';
import { aesIgeDecrypt, aesIgeEncrypt, bytesToHex, CryptoInputError } from '../../src/crypto/index.js';
import { h, loadVectors } from './vectors.js';

const vectors = loadVectors<{ source: string; key: string; iv: string; plaintext: string; ciphertext: string }[]>('crypto-ige.json');

describe('AES-IGE vectors (pure)', () => {
  for (const t of vectors) {
    it(`${t.source}: encrypts and decrypts`, () => {
      expect(bytesToHex(aesIgeEncrypt(h(t.plaintext), h(t.key), h(t.iv)))).toBe(t.ciphertext);
      expect(bytesToHex(aesIgeDecrypt(h(t.ciphertext), h(t.key), h(t.iv)))).toBe(t.plaintext);
    });
  }
  it('rejects bad lengths with CryptoInputError', () => {
    const k = new Uint8Array(32);
    expect(() => aesIgeEncrypt(new Uint8Array(15), k, new Uint8Array(32))).toThrow(CryptoInputError);
    expect(() => aesIgeEncrypt(new Uint8Array(16), new Uint8Array(31), new Uint8Array(32))).toThrow(CryptoInputError);
    expect(() => aesIgeDecrypt(new Uint8Array(16), k, new Uint8Array(16))).toThrow(CryptoInputError);
  });
  it('does not modify its inputs and accepts unaligned views', () => {
    const buf = new Uint8Array(65).fill(7);
    const data = buf.subarray(1);
    const out = aesIgeEncrypt(data, new Uint8Array(32), new Uint8Array(32));
    expect(buf.every((b) => b === 7)).toBe(true);
    expect(bytesToHex(aesIgeDecrypt(out, new Uint8Array(32), new Uint8Array(32)))).toBe(bytesToHex(data));
  });
});
