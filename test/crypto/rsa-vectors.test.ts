import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  concatBytes,
  fingerprintToWire,
  parseRsaPrivateKey,
  parseRsaPublicKey,
  rsaPadDecrypt,
  rsaPadEncrypt,
  SIMULATOR_RSA_FINGERPRINT,
  SIMULATOR_RSA_PRIVATE_KEY_PEM,
  SIMULATOR_RSA_PUBLIC_KEY_PEM,
  TELEGRAM_PRODUCTION_RSA_FINGERPRINT,
  TELEGRAM_PRODUCTION_RSA_PUBLIC_KEY_PEM,
  TELEGRAM_TEST_RSA_FINGERPRINT,
  TELEGRAM_TEST_RSA_PUBLIC_KEY_PEM,
  type Random,
} from '../../src/crypto/index.js';
import { h, loadVectors } from './vectors.js';

interface RsaFile {
  keys: { source: string; name: string; pem: string; privatePem?: string; fingerprint: string; fingerprintWire: string }[];
  rsaPad: { source: string; key: string; data: string; randomPadding: string; tempKey: string; keyAesEncrypted: string; encryptedData: string }[];
}
const v = loadVectors<RsaFile>('crypto-rsa.json');
const constants: Record<string, [string, bigint]> = {
  production: [TELEGRAM_PRODUCTION_RSA_PUBLIC_KEY_PEM, TELEGRAM_PRODUCTION_RSA_FINGERPRINT],
  test: [TELEGRAM_TEST_RSA_PUBLIC_KEY_PEM, TELEGRAM_TEST_RSA_FINGERPRINT],
  simulator: [SIMULATOR_RSA_PUBLIC_KEY_PEM, SIMULATOR_RSA_FINGERPRINT],
};

/** Replays the given byte strings in order (each call must ask for exactly the next one's length). */
function scripted(...chunks: string[]): Random {
  const queue = chunks.map(h);
  return { bytes: (n) => { const next = queue.shift(); expect(next?.length).toBe(n); return next!; } };
}

describe('RSA keys and fingerprints', () => {
  for (const k of v.keys) {
    it(`${k.source}: fingerprint ${k.fingerprint}`, () => {
      const key = parseRsaPublicKey(k.pem);
      expect(key.e).toBe(65537n);
      expect(key.fingerprint).toBe(BigInt(k.fingerprint));
      expect(bytesToHex(fingerprintToWire(key.fingerprint))).toBe(k.fingerprintWire);
      const [pem, fp] = constants[k.name]!;
      expect(pem.trim()).toBe(k.pem.trim());
      expect(fp).toBe(key.fingerprint);
      if (k.privatePem) {
        expect(SIMULATOR_RSA_PRIVATE_KEY_PEM.trim()).toBe(k.privatePem.trim());
        const priv = parseRsaPrivateKey(k.privatePem);
        expect(priv.n).toBe(key.n);
        expect(priv.fingerprint).toBe(key.fingerprint);
      }
    });
  }
});

describe('RSA_PAD', () => {
  const simPriv = parseRsaPrivateKey(SIMULATOR_RSA_PRIVATE_KEY_PEM);
  for (const t of v.rsaPad) {
    it(`${t.source}: encrypted_data`, () => {
      const key = parseRsaPublicKey(constants[t.key]![0]);
      const out = rsaPadEncrypt(h(t.data), key, scripted(t.randomPadding, t.tempKey));
      expect(bytesToHex(out)).toBe(t.encryptedData);
      if (t.key === 'simulator') {
        expect(bytesToHex(rsaPadDecrypt(out, simPriv))).toBe(bytesToHex(concatBytes(h(t.data), h(t.randomPadding))));
      }
    });
  }
});
