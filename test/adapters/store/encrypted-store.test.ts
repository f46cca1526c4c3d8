import { describe, expect, it } from 'vitest';
import {
  encryptedStore,
  fileStore,
  memoryStore,
  type ClosableSessionStore,
  type ScryptParams,
} from '../../../src/adapters/store/index.js';
import { tempDir } from './temp-dir.js';
import { CryptoInputError } from '../../../src/crypto/index.js';
import { sessionStoreSuite } from '../../conformance/session-store.suite.js';
import { fixedRandom } from '../../helpers/fixed-random.js';

/** Cheap scrypt for tests; the default cost is exercised once below. */
const fast: ScryptParams = { logN: 10, r: 8, p: 1 };
const secret = new Uint8Array([0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4]);

sessionStoreSuite('encryptedStore(memoryStore)', {
  open: () => encryptedStore(memoryStore(), 'correct horse', { scrypt: fast }),
});

const nextPath = tempDir('encrypted');
const inners = new WeakMap<object, ClosableSessionStore>();
sessionStoreSuite('encryptedStore(fileStore)', {
  open() {
    const inner = fileStore(nextPath());
    const store = encryptedStore(inner, 'correct horse', { scrypt: fast });
    inners.set(store, inner);
    return store;
  },
  close: (store) => inners.get(store)?.close() ?? Promise.resolve(),
});

describe('encryptedStore', () => {
  it('stores ciphertext only: the plaintext does not appear in the inner store', async () => {
    const inner = memoryStore();
    await encryptedStore(inner, 'pw', { scrypt: fast }).save(secret);
    const blob = (await inner.load()) as Uint8Array;
    expect(blob.length).toBe(64 + secret.length + 16);
    expect(new TextDecoder().decode(blob.subarray(0, 4))).toBe('TGSE');
    expect(Buffer.from(blob).includes(Buffer.from(secret))).toBe(false);
  });

  it('is deterministic with injected randomness and uses a fresh nonce per save', async () => {
    const blobs: Uint8Array[] = [];
    for (let run = 0; run < 2; run++) {
      const inner = memoryStore();
      const store = encryptedStore(inner, 'pw', { scrypt: fast, random: fixedRandom('enc') });
      await store.save(secret);
      blobs.push((await inner.load()) as Uint8Array);
      await store.save(secret);
      const second = (await inner.load()) as Uint8Array;
      expect(second.subarray(8, 40)).toEqual(blobs[run]?.subarray(8, 40)); // same salt and check
      expect(second.subarray(40, 64)).not.toEqual(blobs[run]?.subarray(40, 64)); // new nonce
    }
    expect(blobs[0]).toEqual(blobs[1]);
  });

  it('opens with the same passphrase in a new store (restart), NFKC-normalized', async () => {
    const inner = memoryStore();
    await encryptedStore(inner, 'caf\u00e9', { scrypt: fast }).save(secret);
    expect(await encryptedStore(inner, 'cafe\u0301').load()).toEqual(secret);
  });

  it('a wrong passphrase is a typed error and leaves the stored session intact', async () => {
    const inner = memoryStore();
    await encryptedStore(inner, 'right', { scrypt: fast }).save(secret);
    const before = await inner.load();
    await expect(encryptedStore(inner, 'wrong').load()).rejects.toMatchObject({
      name: 'SessionStoreError',
      reason: 'wrong-passphrase',
    });
    expect(await inner.load()).toEqual(before);
    expect(await encryptedStore(inner, 'right').load()).toEqual(secret);
  });

  it('damage anywhere is reported as corrupt (or unsupported version), never returned', async () => {
    const inner = memoryStore();
    await encryptedStore(inner, 'pw', { scrypt: fast }).save(secret);
    const good = (await inner.load()) as Uint8Array;
    const reasons = new Set<string>();
    for (let at = 0; at < good.length; at++) {
      const bad = good.slice();
      bad[at] = (bad[at] as number) ^ 0x01;
      const error = await encryptedStore(memoryStore(bad), 'pw')
        .load()
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error, `flip at byte ${at}`).toMatchObject({ name: 'SessionStoreError' });
      reasons.add((error as { reason: string }).reason);
    }
    // Flipping a salt bit changes the derived check, which reads as a wrong passphrase: acceptable,
    // it is still an error and never a session.
    expect([...reasons].sort()).toEqual(['corrupt', 'unsupported-version', 'wrong-passphrase']);
    await expect(encryptedStore(memoryStore(good.subarray(0, 70)), 'pw').load()).rejects.toMatchObject({
      reason: 'corrupt',
    });
    await expect(encryptedStore(memoryStore(secret), 'pw').load()).rejects.toMatchObject({
      reason: 'corrupt',
    });
  });

  it('refuses headers and options that would make scrypt allocate too much', async () => {
    const inner = memoryStore();
    await encryptedStore(inner, 'pw', { scrypt: fast }).save(secret);
    const huge = ((await inner.load()) as Uint8Array).slice();
    huge[5] = 40; // log2 N = 40
    await expect(encryptedStore(memoryStore(huge), 'pw').load()).rejects.toMatchObject({ reason: 'corrupt' });
    expect(() => encryptedStore(inner, 'pw', { scrypt: { logN: 30, r: 8, p: 1 } })).toThrow(CryptoInputError);
  });

  // Pure-JS scrypt at the default cost takes 1-7 s on a shared CI core: opt in with SLOW_TESTS=1.
  it.skipIf(!process.env.SLOW_TESTS)(
    'works at the default cost (N = 2^17, r = 8, p = 1)',
    async () => {
      const inner = memoryStore();
      const started = performance.now();
      await encryptedStore(inner, 'pw').save(secret);
      const ms = performance.now() - started;
      expect((await inner.load())?.subarray(5, 8)).toEqual(new Uint8Array([17, 8, 1]));
      console.info(`encryptedStore: default scrypt derivation took ${ms.toFixed(0)} ms`);
    },
    30_000,
  );
});
