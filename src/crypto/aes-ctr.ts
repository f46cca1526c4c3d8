/**
 * AES-256-CTR as a running keystream (NIST SP 800-38A §6.5), used by the obfuscated2 transport
 * (core.telegram.org/mtproto/mtproto-transports "Transport obfuscation"): the 16-byte iv is the initial big-endian counter block, and each `update`
 * continues exactly where the previous one stopped, also mid-block.
 */
import { encryptWords, expandEncryptKey, fromWords, toWords } from './aes-block.js';
import { CryptoInputError } from './errors.js';
import type { AesCtr } from './provider.js';

/** Validates CTR arguments shared by every backend. */
export function assertCtrInput(key: Uint8Array, iv: Uint8Array): void {
  if (key.length !== 32) throw new CryptoInputError(`AES-256-CTR key must be 32 bytes, got ${key.length}`);
  if (iv.length !== 16) throw new CryptoInputError(`AES-256-CTR iv must be 16 bytes, got ${iv.length}`);
}

/** Creates a pure-TS AES-256-CTR stream. */
export function createAesCtr(key: Uint8Array, iv: Uint8Array): AesCtr {
  assertCtrInput(key, iv);
  const xk = expandEncryptKey(key);
  const counter = iv.slice();
  let keystream: Uint8Array = new Uint8Array(16);
  let used = 16; // bytes of `keystream` already consumed

  const nextBlock = (): void => {
    const c = toWords(counter);
    const r = encryptWords(xk, c[0]!, c[1]!, c[2]!, c[3]!);
    keystream = fromWords(new Uint32Array([r.s0, r.s1, r.s2, r.s3]));
    // 128-bit big-endian increment with wrap-around.
    for (let j = 15; j >= 0; j--) {
      counter[j] = (counter[j]! + 1) & 0xff;
      if (counter[j] !== 0) break;
    }
    used = 0;
  };

  return {
    update(data: Uint8Array): Uint8Array {
      const out = new Uint8Array(data.length);
      for (let i = 0; i < data.length; i++) {
        if (used === 16) nextBlock();
        out[i] = data[i]! ^ keystream[used++]!;
      }
      return out;
    },
  };
}
