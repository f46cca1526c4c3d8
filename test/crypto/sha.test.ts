import { sha1 as nobleSha1 } from '@noble/hashes/legacy.js';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { bytesToHex } from '../../src/crypto/index.js';
import { sha1Bytes, sha256Bytes } from '../../src/crypto/sha.js';
import { fixedRandom } from '../helpers/fixed-random.js';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('sha.ts: SHA-1 and SHA-256 (FIPS 180-4)', () => {
  it('FIPS 180-4 example vectors ("abc", the two-block message, empty)', () => {
    expect(bytesToHex(sha256Bytes(ascii('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(bytesToHex(sha256Bytes(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(bytesToHex(sha256Bytes(new Uint8Array(0)))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(bytesToHex(sha1Bytes(ascii('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(bytesToHex(sha1Bytes(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '84983e441c3bd26ebaae4aa1f95129e5e54670f1',
    );
    expect(bytesToHex(sha1Bytes(new Uint8Array(0)))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
  });

  it('agrees with @noble/hashes on every length around the padding boundaries, up to 300 bytes', () => {
    const random = fixedRandom('sha');
    for (let n = 0; n <= 300; n++) {
      const data = random.bytes(n);
      expect(bytesToHex(sha256Bytes(data)), `sha256 of ${n} bytes`).toBe(bytesToHex(nobleSha256(data)));
      expect(bytesToHex(sha1Bytes(data)), `sha1 of ${n} bytes`).toBe(bytesToHex(nobleSha1(data)));
    }
  });

  it('hashes a view into a larger buffer by its own bytes only', () => {
    const whole = fixedRandom('view').bytes(200);
    const view = whole.subarray(17, 150);
    expect(bytesToHex(sha256Bytes(view))).toBe(bytesToHex(nobleSha256(view.slice())));
    expect(bytesToHex(sha1Bytes(view))).toBe(bytesToHex(nobleSha1(view.slice())));
  });
});
