import { describe, expect, it } from 'vitest';
import { bigintToBytes, bytesToBigint, bytesToHex, equalBytes, hexToBytes } from '../../src/crypto/index.js';

describe('bytes helpers', () => {
  it('round-trips hex', () => {
    expect(bytesToHex(hexToBytes('00ff10 ab'))).toBe('00ff10ab');
    expect(() => hexToBytes('abc')).toThrow(TypeError);
  });
  it('encodes big-endian bigints, minimal and padded', () => {
    expect(bytesToHex(bigintToBytes(0x17ed48941a08f981n))).toBe('17ed48941a08f981');
    expect(bytesToHex(bigintToBytes(1n, 4))).toBe('00000001');
    expect(bytesToBigint(hexToBytes('0100'))).toBe(256n);
    expect(() => bigintToBytes(256n, 1)).toThrow(RangeError);
  });
  it('compares in constant time', () => {
    expect(equalBytes(hexToBytes('0102'), hexToBytes('0102'))).toBe(true);
    expect(equalBytes(hexToBytes('0102'), hexToBytes('0103'))).toBe(false);
    expect(equalBytes(hexToBytes('01'), hexToBytes('0102'))).toBe(false);
  });
  // The helpers parse through one hex string; these references do it a byte at a time.
  const refBigint = (bytes: Uint8Array) => bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
  const refHex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  const seeded = (seed: number) => () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
  it('agrees with byte-at-a-time references on every length up to 600, leading zeros included', () => {
    const next = seeded(7);
    for (let len = 0; len <= 600; len++) {
      const bytes = Uint8Array.from({ length: len }, (_, i) => (i < len % 5 ? 0 : next()));
      const n = refBigint(bytes);
      expect(bytesToHex(bytes)).toBe(refHex(bytes));
      expect(bytesToBigint(bytes)).toBe(n);
      expect(hexToBytes(refHex(bytes))).toEqual(bytes);
      expect(hexToBytes(refHex(bytes).toUpperCase())).toEqual(bytes);
      expect(bigintToBytes(n, len + 3)).toEqual(Uint8Array.from([0, 0, 0, ...bytes]));
      const minimal = bytes.slice(
        Math.max(
          0,
          bytes.findIndex((b) => b !== 0),
        ),
      );
      expect(bigintToBytes(n)).toEqual(n === 0n ? Uint8Array.of(0) : minimal);
    }
  });
  it('rejects a non-digit anywhere in hex, and odd lengths after whitespace is dropped', () => {
    for (const bad of ['g', 'G', 'x', '/', ':', '@', '`', '\u00e9', '\u0660']) {
      for (let at = 0; at < 6; at++)
        expect(() => hexToBytes('a1b2c3'.slice(0, at) + bad + 'a1b2c3'.slice(at + 1))).toThrow(TypeError);
    }
    expect(() => hexToBytes('0x00')).toThrow(TypeError);
    expect(() => hexToBytes('a b c')).toThrow(TypeError);
    expect(hexToBytes(' 0A\n\tfF ')).toEqual(Uint8Array.of(0x0a, 0xff));
    expect(hexToBytes('')).toEqual(new Uint8Array(0));
  });
  it('fits a bigint into exactly its byte length and not one less', () => {
    const n = (1n << 2047n) | 5n;
    expect(bigintToBytes(n, 256)[0]).toBe(0x80);
    expect(() => bigintToBytes(n, 255)).toThrow(RangeError);
    expect(() => bigintToBytes(-1n)).toThrow(RangeError);
    expect(bigintToBytes(0n, 2)).toEqual(new Uint8Array(2));
  });
});
