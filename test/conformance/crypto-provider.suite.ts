/**
 * The conformance suite every `CryptoProvider` backend must pass: the published vectors of
 * the vectors of test/vectors/ run through the provider's own methods, plus input validation.
 */
import { describe, expect, it } from 'vitest';
import {
  aesKeyIvV2,
  bytesToHex,
  concatBytes,
  CryptoInputError,
  msgKeyV2,
  srpPasswordHash,
  type CryptoProvider,
} from '../../src/crypto/index.js';
import { h, loadVectors } from '../crypto/vectors.js';

const ige = loadVectors<{ source: string; key: string; iv: string; plaintext: string; ciphertext: string }[]>('crypto-ige.json');
const ctr = loadVectors<{ source: string; key: string; iv: string; chunks: { plaintext: string; ciphertext?: string; ciphertextTail56?: string }[] }>('crypto-ctr.json');
const dh = loadVectors<{ source: string; dhPrime: string; b: string; gA: string; gB: string; authKey: string }>('crypto-dh.json');
const kdf = loadVectors<{ messagesV2: { source: string; side: 'client' | 'server'; authKey: string; plaintext: string; msgKey: string; key: string; iv: string }[]; authKeyId: { source: string; authKey: string; sha1: string } }>('crypto-kdf.json');
const srp = loadVectors<{ source: string; password: string; salt1: string; salt2: string; x: string }[]>('crypto-srp.json');

/** Runs the suite against `provider`. */
export function cryptoProviderSuite(provider: CryptoProvider): void {
  describe(`CryptoProvider conformance: ${provider.name}`, () => {
    it(`sha1 (${kdf.authKeyId.source}) and sha256 (FIPS 180-2 "abc")`, () => {
      expect(bytesToHex(provider.sha1(h(kdf.authKeyId.authKey)))).toBe(kdf.authKeyId.sha1);
      expect(bytesToHex(provider.sha256(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
      expect(provider.sha256(new Uint8Array(0))).toBeInstanceOf(Uint8Array);
    });
    for (const t of ige) {
      it(`AES-IGE: ${t.source}`, () => {
        expect(bytesToHex(provider.aesIgeEncrypt(h(t.plaintext), h(t.key), h(t.iv)))).toBe(t.ciphertext);
        expect(bytesToHex(provider.aesIgeDecrypt(h(t.ciphertext), h(t.key), h(t.iv)))).toBe(t.plaintext);
      });
    }
    it('AES-IGE of 0 bytes is empty; inputs are not modified', () => {
      expect(provider.aesIgeEncrypt(new Uint8Array(0), new Uint8Array(32), new Uint8Array(32)).length).toBe(0);
      const data = new Uint8Array(48).fill(5);
      provider.aesIgeEncrypt(data, new Uint8Array(32), new Uint8Array(32));
      provider.aesIgeDecrypt(data, new Uint8Array(32), new Uint8Array(32));
      expect(data.every((b) => b === 5)).toBe(true);
    });
    for (const t of kdf.messagesV2) {
      it(`MTProto 2.0 KDF through the provider: ${t.source}`, () => {
        const msgKey = msgKeyV2(h(t.authKey), h(t.plaintext), t.side, provider);
        expect(bytesToHex(msgKey)).toBe(t.msgKey);
        const r = aesKeyIvV2(h(t.authKey), msgKey, t.side, provider);
        expect(bytesToHex(concatBytes(r.key, r.iv))).toBe(t.key + t.iv);
      });
    }
    it(`AES-256-CTR stream continues across calls: ${ctr.source}`, () => {
      const stream = provider.createAesCtr(h(ctr.key), h(ctr.iv));
      const [init, next] = ctr.chunks;
      expect(bytesToHex(stream.update(h(init!.plaintext)).subarray(56))).toBe(init!.ciphertextTail56);
      const p = h(next!.plaintext);
      // split mid-block: 5 + rest, so partial-block state is exercised
      const out = concatBytes(stream.update(p.subarray(0, 5)), stream.update(p.subarray(5)));
      expect(bytesToHex(out)).toBe(next!.ciphertext);
    });
    it(`modPow: g_b = 3^b mod p and auth_key = g_a^b mod p (${dh.source})`, () => {
      const p = BigInt('0x' + dh.dhPrime);
      const b = BigInt('0x' + dh.b);
      expect(provider.modPow(3n, b, p).toString(16)).toBe(dh.gB.replace(/^0+/, ''));
      expect(provider.modPow(BigInt('0x' + dh.gA), b, p).toString(16).padStart(512, '0')).toBe(dh.authKey);
      expect(provider.modPow(5n, 0n, 7n)).toBe(1n);
      expect(provider.modPow(0n, 5n, p)).toBe(0n);
      expect(provider.modPow(10n, 3n, 1n)).toBe(0n);
      // exponents >= the modulus (SRP's a + u*x): Fermat gives 3^(p-1+5) = 3^5 mod p
      expect(provider.modPow(3n, p - 1n + 5n, p)).toBe(243n);
      expect(provider.modPow(3n, (p - 1n) * (1n << 300n) + 5n, p)).toBe(243n);
    });
    it(`PBKDF2-HMAC-SHA512 100k inside SRP PH2: ${srp[0]!.source}`, async () => {
      const t = srp[0]!;
      expect(bytesToHex(await srpPasswordHash(t.password, h(t.salt1), h(t.salt2), provider))).toBe(t.x);
    });
    it('rejects bad input with CryptoInputError', async () => {
      const k = new Uint8Array(32);
      expect(() => provider.aesIgeEncrypt(new Uint8Array(17), k, new Uint8Array(32))).toThrow(CryptoInputError);
      expect(() => provider.aesIgeDecrypt(new Uint8Array(16), k, new Uint8Array(31))).toThrow(CryptoInputError);
      expect(() => provider.aesIgeEncrypt(new Uint8Array(16), new Uint8Array(20), new Uint8Array(32))).toThrow(CryptoInputError);
      expect(() => provider.createAesCtr(k, new Uint8Array(8))).toThrow(CryptoInputError);
      expect(() => provider.modPow(2n, 3n, 0n)).toThrow(CryptoInputError);
      await expect(provider.pbkdf2Sha512(k, k, 0)).rejects.toThrow(CryptoInputError);
    });
  });
}
