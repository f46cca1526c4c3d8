/**
 * Encrypted session benchmark: MTProto 2.0 encrypt + decrypt (with every decrypt check) of a message
 * carrying a 1 KiB body, on the pure-TS and node crypto backends. Baseline, measured in the same run:
 * the same primitive work composed directly from node:crypto (6 SHA-256 over the same inputs and
 * AES-256-CBC both ways over the same bytes, CBC standing in for IGE as elsewhere in the bench).
 */
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { nodeCrypto } from '../src/adapters/crypto/index.js';
import { pureCrypto, type CryptoProvider } from '../src/crypto/index.js';
import { decryptMessage, encryptMessage, sessionKey } from '../src/transport/index.js';
import { fixedRandom } from '../test/helpers/fixed-random.js';
import type { BenchHarness, BenchRow } from './harness.js';

const BATCH = 100;
const random = fixedRandom('session-bench');
const authKey = random.bytes(256);
const body = random.bytes(1024);

function roundTrip(crypto: CryptoProvider): () => void {
  const key = sessionKey(authKey, crypto);
  const msg = { salt: 1n, sessionId: 2n, msgId: 0x65abc0fc00000004n, seqNo: 1, body };
  return () => {
    for (let i = 0; i < BATCH; i++) {
      const wire = encryptMessage(key, 'client', msg, random, crypto);
      if (!decryptMessage(key, 'client', wire, crypto).ok) throw new RangeError('bench message did not decrypt');
    }
  };
}

function nativeLimit(): () => void {
  const plain = new Uint8Array(32 + 1024 + 16);
  const aesKey = random.bytes(32);
  const iv = random.bytes(16);
  const sha = (...parts: Uint8Array[]) => {
    const h = createHash('sha256');
    for (const p of parts) h.update(p);
    return h.digest();
  };
  return () => {
    for (let i = 0; i < BATCH; i++) {
      const msgKey = sha(authKey.subarray(88, 120), plain).subarray(8, 24);
      sha(msgKey, authKey.subarray(0, 36));
      sha(authKey.subarray(40, 76), msgKey);
      const c = createCipheriv('aes-256-cbc', aesKey, iv).setAutoPadding(false);
      const enc = Buffer.concat([c.update(plain), c.final()]);
      sha(msgKey, authKey.subarray(0, 36));
      sha(authKey.subarray(40, 76), msgKey);
      const d = createDecipheriv('aes-256-cbc', aesKey, iv).setAutoPadding(false);
      const dec = Buffer.concat([d.update(enc), d.final()]);
      sha(authKey.subarray(88, 120), dec);
    }
  };
}

/** Per-message figures: each timed call handles BATCH messages. */
const perMessage = (m: { medianMs: number; p90Ms: number }) => ({ medianMs: m.medianMs / BATCH, p90Ms: m.p90Ms / BATCH });

export default async function run(h: BenchHarness): Promise<BenchRow[]> {
  const [native, pure, node] = (
    await h.measureInterleaved([nativeLimit(), roundTrip(pureCrypto), roundTrip(nodeCrypto)], { iterations: 20, minTimeMs: 1500 })
  ).map(perMessage);
  const base = { name: 'session 1 KiB native limit (node:crypto sha256+aes-cbc)', ...native! };
  return [
    h.row(base.name, native!),
    h.row('session encrypt+decrypt 1 KiB (pure)', pure!, base),
    h.row('session encrypt+decrypt 1 KiB (node)', node!, base),
  ];
}
