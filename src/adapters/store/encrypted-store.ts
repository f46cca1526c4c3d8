/**
 * Encryption at rest for any session store: passphrase -> scrypt (RFC 7914) -> XChaCha20-Poly1305.
 *
 * Layout (version 1), all of it authenticated (the header is the AEAD's associated data):
 *   magic "TGSE" (4) | version 1 (1) | log2 N (1) | r (1) | p (1) | salt (16) | check (16) |
 *   nonce (24) | ciphertext + Poly1305 tag (16)
 * scrypt yields 64 bytes: the first 32 are the cipher key, the last 16 are `check`. Comparing
 * `check` tells a wrong passphrase (`wrong-passphrase`) from damaged data (`corrupt`); it gives an
 * attacker nothing the tag would not already give (each guess still costs one scrypt).
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { concatBytes, CryptoInputError, equalBytes, secureRandom, type Random } from '../../crypto/index.js';
import { SessionStoreError } from './errors.js';
import { serialQueue, type SessionStore } from './session-store.js';

/** scrypt cost parameters, stored in each header so they can be raised later. */
export interface ScryptParams {
  /** log2 of N, the CPU/memory cost (default 17: N = 131072, 128 MiB with r = 8). */
  logN: number;
  r: number;
  p: number;
}

/** Options of {@link encryptedStore}. */
export interface EncryptedStoreOptions {
  /** Cost for new encryptions (default `{ logN: 17, r: 8, p: 1 }`, the OWASP minimum). */
  scrypt?: ScryptParams;
  /** Salt and nonce source (default: the platform CSPRNG). */
  random?: Random;
}

const MAGIC = new Uint8Array([0x54, 0x47, 0x53, 0x45]); // "TGSE"
const VERSION = 1;
const HEADER = 4 + 1 + 3 + 16 + 16 + 24;
const TAG = 16;
/** A hostile or damaged header must not make us allocate or spin for long: at most 1 GiB, p <= 16. */
const MAX_MEMORY = 2 ** 30;
const MAX_P = 16;

interface DerivedKey {
  salt: Uint8Array;
  params: ScryptParams;
  key: Uint8Array;
  check: Uint8Array;
}

function normalizePassphrase(passphrase: string | Uint8Array): Uint8Array {
  // NFKC so the same passphrase typed on different keyboards gives the same key.
  return typeof passphrase === 'string'
    ? new TextEncoder().encode(passphrase.normalize('NFKC'))
    : passphrase.slice();
}

async function derive(password: Uint8Array, salt: Uint8Array, params: ScryptParams): Promise<DerivedKey> {
  const out = await scryptAsync(password, salt, {
    N: 2 ** params.logN,
    r: params.r,
    p: params.p,
    dkLen: 64,
    maxmem: MAX_MEMORY + 2 ** 20,
  });
  return { salt, params, key: out.slice(0, 32), check: out.slice(48, 64) };
}

/** Parses and bounds-checks a version-1 header. */
function parseHeader(blob: Uint8Array): {
  params: ScryptParams;
  salt: Uint8Array;
  check: Uint8Array;
  nonce: Uint8Array;
} {
  if (blob.length < HEADER + TAG || !equalBytes(blob.subarray(0, 4), MAGIC)) {
    throw new SessionStoreError('corrupt', 'stored session is not an encrypted tgauth session');
  }
  if (blob[4] !== VERSION) {
    throw new SessionStoreError(
      'unsupported-version',
      `encrypted session version ${blob[4]} is not supported`,
    );
  }
  const [logN = 0, r = 0, p = 0] = blob.subarray(5, 8);
  if (logN < 1 || r < 1 || p < 1 || p > MAX_P || 128 * r * 2 ** logN > MAX_MEMORY) {
    throw new SessionStoreError('corrupt', 'encrypted session has out-of-range scrypt parameters');
  }
  return {
    params: { logN, r, p },
    salt: blob.slice(8, 24),
    check: blob.slice(24, 40),
    nonce: blob.slice(40, 64),
  };
}

/**
 * Wraps `inner` so what it stores is encrypted under `passphrase`. Loading with the wrong
 * passphrase throws `SessionStoreError { reason: 'wrong-passphrase' }`; damaged bytes throw
 * `reason: 'corrupt'`. The derived key is cached per salt, so only the first load or save pays
 * for scrypt; each save uses a fresh random nonce.
 */
export function encryptedStore(
  inner: SessionStore,
  passphrase: string | Uint8Array,
  options: EncryptedStoreOptions = {},
): SessionStore {
  const password = normalizePassphrase(passphrase);
  const random = options.random ?? secureRandom;
  const params = options.scrypt ?? { logN: 17, r: 8, p: 1 };
  if (
    ![params.logN, params.r, params.p].every((n) => Number.isInteger(n) && n >= 1 && n <= 255) ||
    params.p > MAX_P ||
    128 * params.r * 2 ** params.logN > MAX_MEMORY
  ) {
    throw new CryptoInputError('encryptedStore: scrypt parameters out of range (at most 1 GiB, p <= 16)');
  }
  const queue = serialQueue();
  let cached: DerivedKey | undefined;

  const keyFor = async (salt: Uint8Array, p: ScryptParams): Promise<DerivedKey> => {
    const c = cached;
    if (c && equalBytes(c.salt, salt) && c.params.logN === p.logN && c.params.r === p.r && c.params.p === p.p)
      return c;
    cached = await derive(password, salt, p);
    return cached;
  };

  return {
    load: () =>
      queue(async () => {
        const blob = await inner.load();
        if (blob === undefined) return undefined;
        const header = parseHeader(blob);
        const derived = await keyFor(header.salt, header.params);
        if (!equalBytes(derived.check, header.check)) {
          throw new SessionStoreError('wrong-passphrase', 'wrong passphrase for the encrypted session');
        }
        try {
          return xchacha20poly1305(derived.key, header.nonce, blob.subarray(0, HEADER)).decrypt(
            blob.subarray(HEADER),
          );
        } catch (cause) {
          throw new SessionStoreError('corrupt', 'encrypted session failed authentication (damaged data)', {
            cause,
          });
        }
      }),
    save: (bytes) => {
      const plain = bytes.slice();
      return queue(async () => {
        // Reuse the salt (and so the key) of the last load or save: a new salt per save would cost a full scrypt each time.
        const derived = cached ?? (await keyFor(random.bytes(16), params));
        const nonce = random.bytes(24);
        const p = derived.params;
        const header = concatBytes(
          MAGIC,
          new Uint8Array([VERSION, p.logN, p.r, p.p]),
          derived.salt,
          derived.check,
          nonce,
        );
        const sealed = xchacha20poly1305(derived.key, nonce, header).encrypt(plain);
        await inner.save(concatBytes(header, sealed));
      });
    },
    clear: () => queue(() => inner.clear()),
  };
}
