import { describe, expect, it } from 'vitest';
import {
  aesIgeDecrypt,
  aesIgeEncrypt,
  bigintToBytes,
  bytesToBigint,
  bytesToHex,
  checkDhPrime,
  checkDhPublicValue,
  concatBytes,
  factorizePq,
  modPow,
  sha1,
  TELEGRAM_DH_PRIME,
  tmpAesKeyIv,
} from '../../src/crypto/index.js';
import { h, loadVectors } from './vectors.js';

type Hex = 'dhPrime' | 'pq' | 'p' | 'q' | 'newNonce' | 'serverNonce' | 'encryptedAnswer' | 'tmpAesKey' | 'tmpAesIv' | 'answerSha1' | 'answer' | 'answerPadding' | 'gA' | 'b' | 'gB' | 'clientDhInnerData' | 'clientPadding' | 'encryptedData' | 'authKey';
const v = loadVectors<Record<Hex, string> & { source: string; g: number }>('crypto-dh.json');
const big = (hex: string) => BigInt('0x' + hex);

describe(`DH example: ${v.source}`, () => {
  it('factorizes pq into p < q', () => {
    expect(factorizePq(big(v.pq))).toEqual([big(v.p), big(v.q)]);
  });
  it('derives tmp_aes_key/iv and decrypts encrypted_answer (SHA1(answer) prefix)', () => {
    const { key, iv } = tmpAesKeyIv(h(v.newNonce), h(v.serverNonce));
    expect(bytesToHex(key)).toBe(v.tmpAesKey);
    expect(bytesToHex(iv)).toBe(v.tmpAesIv);
    const plain = aesIgeDecrypt(h(v.encryptedAnswer), key, iv);
    expect(bytesToHex(plain)).toBe(v.answerSha1 + v.answer + v.answerPadding);
    expect(bytesToHex(sha1(h(v.answer)))).toBe(v.answerSha1);
  });
  it('the prime is the known dh_prime and passes checkDhPrime with g = 3', () => {
    expect(big(v.dhPrime)).toBe(TELEGRAM_DH_PRIME);
    expect(() => checkDhPrime(TELEGRAM_DH_PRIME, v.g)).not.toThrow();
  });
  it('g_b = g^b mod p, g_a and g_b pass the range checks, auth_key = g_a^b mod p', () => {
    const p = big(v.dhPrime);
    expect(bytesToHex(bigintToBytes(modPow(3n, big(v.b), p), 256))).toBe(v.gB);
    expect(() => checkDhPublicValue(h(v.gA), p, 'dh.gA')).not.toThrow();
    expect(() => checkDhPublicValue(big(v.gB), p, 'dh.gB')).not.toThrow();
    expect(bytesToHex(bigintToBytes(modPow(big(v.gA), big(v.b), p), 256))).toBe(v.authKey);
  });
  it('encrypts client_DH_inner_data to the published encrypted_data', () => {
    const { key, iv } = tmpAesKeyIv(h(v.newNonce), h(v.serverNonce));
    const inner = h(v.clientDhInnerData);
    const plain = concatBytes(sha1(inner), inner, h(v.clientPadding));
    expect(bytesToHex(aesIgeEncrypt(plain, key, iv))).toBe(v.encryptedData);
    expect(bytesToBigint(h(v.gB)) < TELEGRAM_DH_PRIME).toBe(true);
  });
});
