import { createHash, pbkdf2Sync } from 'node:crypto';
import { pbkdf2Async } from '@noble/hashes/pbkdf2.js';
import { sha512 as nobleSha512 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { bytesToHex } from '../../src/crypto/index.js';
import { pbkdf2HmacSha512, sha512Bytes } from '../../src/crypto/sha512.js';
import { fixedRandom } from '../helpers/fixed-random.js';

const ascii = (s: string) => new TextEncoder().encode(s);
const nodeSha512 = (data: Uint8Array) => createHash('sha512').update(data).digest('hex');

describe('sha512.ts: SHA-512 and PBKDF2-HMAC-SHA512', () => {
  it('FIPS 180-4 example vectors ("abc", the two-block message, empty)', () => {
    expect(bytesToHex(sha512Bytes(ascii('abc')))).toBe(
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    );
    const twoBlock = 'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu';
    expect(bytesToHex(sha512Bytes(ascii(twoBlock)))).toBe(
      '8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909',
    );
    expect(bytesToHex(sha512Bytes(new Uint8Array(0)))).toBe(nodeSha512(new Uint8Array(0)));
  });

  it('agrees with node:crypto on every length around the padding boundaries, up to 400 bytes, and on a view', () => {
    const random = fixedRandom('sha512');
    for (let n = 0; n <= 400; n++) {
      const data = random.bytes(n);
      expect(bytesToHex(sha512Bytes(data)), `sha512 of ${n} bytes`).toBe(nodeSha512(data));
    }
    const view = random.bytes(300).subarray(13, 250);
    expect(bytesToHex(sha512Bytes(view))).toBe(bytesToHex(nobleSha512(view.slice())));
  });

  it('PBKDF2 agrees with node:crypto for passwords and salts around the block size and small iteration counts', async () => {
    const random = fixedRandom('pbkdf2-sha512');
    for (const [p, s, c] of [[0, 0, 1], [32, 16, 2], [64, 8, 1025], [127, 111, 3], [128, 128, 2], [129, 200, 5], [300, 1, 4]] as const) {
      const password = random.bytes(p);
      const salt = random.bytes(s);
      const expected = pbkdf2Sync(password, salt, c, 64, 'sha512').toString('hex');
      expect(bytesToHex(await pbkdf2HmacSha512(password, salt, c)), `password ${p} B, salt ${s} B, ${c} iterations`).toBe(expected);
    }
  });

  it('PBKDF2 with 100 000 iterations (what SRP uses) agrees with @noble/hashes', async () => {
    const random = fixedRandom('pbkdf2-100k');
    const [password, salt] = [random.bytes(32), random.bytes(16)];
    const expected = await pbkdf2Async(nobleSha512, password, salt, { c: 100_000, dkLen: 64 });
    expect(bytesToHex(await pbkdf2HmacSha512(password, salt, 100_000))).toBe(bytesToHex(expected));
  });
});
