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

/** Lower-case hex of `bytes`. */
export function bytesToHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Parses hex (whitespace ignored) into bytes. */
export function hexToBytes(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new TypeError('invalid hex string');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Constant-time equality (time depends only on the lengths). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Big-endian unsigned bytes -> bigint. */
export function bytesToBigint(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

/**
 * bigint -> big-endian unsigned bytes. With `length`, left-pads with zeros to that length
 * (throws if it does not fit); without, the minimal encoding (at least one byte).
 */
export function bigintToBytes(n: bigint, length?: number): Uint8Array {
  if (n < 0n) throw new RangeError('negative bigint');
  let hex = n.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  const minimal = hexToBytes(hex);
  if (length === undefined) return minimal;
  if (minimal.length > length) throw new RangeError(`bigint does not fit in ${length} bytes`);
  const out = new Uint8Array(length);
  out.set(minimal, length - minimal.length);
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
