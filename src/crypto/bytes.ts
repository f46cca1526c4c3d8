/** Byte and big-integer helpers shared by every layer. Big integers are big-endian on the wire. */

/** Concatenates byte arrays into a new one. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** The two lower-case hex digits of each byte value. */
const HEX_PAIRS = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** Lower-case hex of `bytes`. */
export function bytesToHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX_PAIRS[bytes[i]!]!;
  return s;
}

/** A hex digit's value from its char code, or -1. */
function nibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  c |= 32; // 'A'-'F' to 'a'-'f'
  return c >= 97 && c <= 102 ? c - 87 : -1;
}

/** Writes the bytes of `hex` (even length, digits only) into `out` from `offset`; false on a non-digit. */
function decodeHexInto(hex: string, out: Uint8Array, offset: number): boolean {
  for (let i = 0, j = offset; i < hex.length; i += 2, j++) {
    const hi = nibble(hex.charCodeAt(i));
    const lo = nibble(hex.charCodeAt(i + 1));
    if ((hi | lo) < 0) return false;
    out[j] = (hi << 4) | lo;
  }
  return true;
}

/** Parses hex (whitespace ignored) into bytes. */
export function hexToBytes(hex: string): Uint8Array {
  const clean = /\s/.test(hex) ? hex.replace(/\s+/g, '') : hex;
  const out = new Uint8Array(clean.length >> 1);
  if (clean.length % 2 !== 0 || !decodeHexInto(clean, out, 0)) throw new TypeError('invalid hex string');
  return out;
}

/** Constant-time equality (time depends only on the lengths). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Big-endian unsigned bytes -> bigint (one hex parse: linear, where shifting in bytes is quadratic). */
export function bytesToBigint(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt('0x' + bytesToHex(bytes));
}

/**
 * bigint -> big-endian unsigned bytes. With `length`, left-pads with zeros to that length
 * (throws if it does not fit); without, the minimal encoding (at least one byte).
 */
export function bigintToBytes(n: bigint, length?: number): Uint8Array {
  if (n < 0n) throw new RangeError('negative bigint');
  let hex = n.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  const size = hex.length >> 1;
  if (length !== undefined && size > length) throw new RangeError(`bigint does not fit in ${length} bytes`);
  const out = new Uint8Array(length ?? size);
  decodeHexInto(hex, out, out.length - size);
  return out;
}

/** XOR of two equal-length arrays into a new array. */
export function xorBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length !== b.length) throw new RangeError('xorBytes: length mismatch');
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

/** Overwrites secret material with zeros. */
export function zeroize(...arrays: Uint8Array[]): void {
  for (const a of arrays) a.fill(0);
}
