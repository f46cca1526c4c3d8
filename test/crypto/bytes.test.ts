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
});
