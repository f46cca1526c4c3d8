import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  CryptoInputError,
  parseRsaPrivateKey,
  parseRsaPublicKey,
  rsaPadDecrypt,
  rsaPadEncrypt,
  SecurityError,
  SIMULATOR_RSA_PRIVATE_KEY_PEM,
  SIMULATOR_RSA_PUBLIC_KEY_PEM,
} from '../../src/crypto/index.js';
import { fixedRandom } from '../helpers/fixed-random.js';

describe('RSA_PAD round trip with the simulator key (core.telegram.org/mtproto/auth_key)', () => {
  const pub = parseRsaPublicKey(SIMULATOR_RSA_PUBLIC_KEY_PEM);
  const priv = parseRsaPrivateKey(SIMULATOR_RSA_PRIVATE_KEY_PEM);
  it('decrypts what it encrypts, for random data up to 144 bytes', () => {
    const random = fixedRandom('rsa');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 144 }), (data) => {
        const out = rsaPadDecrypt(rsaPadEncrypt(data, pub, random), priv);
        expect(out.length).toBe(192);
        expect(bytesToHex(out.subarray(0, data.length))).toBe(bytesToHex(data));
      }),
      { numRuns: 10 },
    );
  });
  it('rejects tampered ciphertext and oversized data', () => {
    const c = rsaPadEncrypt(new Uint8Array(100), pub, fixedRandom());
    c[200]! ^= 1;
    expect(() => rsaPadDecrypt(c, priv)).toThrow(SecurityError);
    expect(() => rsaPadDecrypt(new Uint8Array(256).fill(0xff), priv)).toThrow(expect.objectContaining({ check: 'rsa.pad.range' }));
    expect(() => rsaPadEncrypt(new Uint8Array(145), pub, fixedRandom())).toThrow(CryptoInputError);
  });
  it('parses SPKI and PKCS#8 forms of the same key', async () => {
    const { createPublicKey, createPrivateKey } = await import('node:crypto');
    const spki = createPublicKey(SIMULATOR_RSA_PUBLIC_KEY_PEM).export({ type: 'spki', format: 'pem' }).toString();
    const pkcs8 = createPrivateKey(SIMULATOR_RSA_PRIVATE_KEY_PEM).export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(parseRsaPublicKey(spki).fingerprint).toBe(pub.fingerprint);
    expect(parseRsaPrivateKey(pkcs8).d).toBe(priv.d);
  });
});
