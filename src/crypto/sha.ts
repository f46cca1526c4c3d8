/**
 * SHA-1 and SHA-256 (FIPS 180-4 §6.1, §6.2) over whole inputs, written small: the browser build
 * needs only these two synchronously (msg_key, auth key ids, handshake, SRP), and taking them from
 * @noble/hashes brought its SHA-2 family and helpers into the first chunk (issue 26). The
 * asynchronous PBKDF2-HMAC-SHA512 stays on @noble/hashes (pbkdf2-sha512.ts), loaded when used.
 */

/** SHA-256 round constants (FIPS 180-4 §4.2.2): fractional parts of the cube roots of the first 64 primes. */
const K256 = new Uint32Array(64);
/** SHA-256 initial hash value (§5.3.3): fractional parts of the square roots of the first 8 primes. */
const H256 = new Uint32Array(8);
{
  const frac = (x: number) => ((x - Math.floor(x)) * 2 ** 32) >>> 0;
  for (let n = 2, i = 0; i < 64; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
    if (!prime) continue;
    if (i < 8) H256[i] = frac(Math.sqrt(n));
    K256[i++] = frac(Math.cbrt(n));
  }
}

/**
 * Message padding (§5.1.1): the input, 0x80, zeros, then the bit length as a 64-bit big-endian
 * integer, to a multiple of 64 bytes; read as big-endian words.
 */
function padded(data: Uint8Array): { words: DataView; blocks: number } {
  const blocks = ((data.length + 8) >>> 6) + 1;
  const buf = new Uint8Array(blocks * 64);
  buf.set(data);
  buf[data.length] = 0x80;
  const view = new DataView(buf.buffer);
  const bits = data.length * 8;
  view.setUint32(buf.length - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(buf.length - 4, bits >>> 0);
  return { words: view, blocks };
}

function digest(state: Uint32Array | number[]): Uint8Array {
  const out = new Uint8Array(state.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < state.length; i++) view.setUint32(i * 4, state[i]!);
  return out;
}

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** SHA-256 of `data` (32 bytes). */
export function sha256Bytes(data: Uint8Array): Uint8Array {
  const { words, blocks } = padded(data);
  const h = H256.slice();
  const w = new Uint32Array(64);
  for (let b = 0; b < blocks; b++) {
    for (let t = 0; t < 16; t++) w[t] = words.getUint32(b * 64 + t * 4);
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15]!;
      const y = w[t - 2]!;
      const s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3);
      const s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10);
      w[t] = w[t - 16]! + s0 + w[t - 7]! + s1;
    }
    let [a, b1, c, d, e, f, g, hh] = h as unknown as [number, number, number, number, number, number, number, number];
    for (let t = 0; t < 64; t++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K256[t]! + w[t]!) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b1) ^ (a & c) ^ (b1 & c))) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b1;
      b1 = a;
      a = (t1 + t2) | 0;
    }
    h[0]! += a;
    h[1]! += b1;
    h[2]! += c;
    h[3]! += d;
    h[4]! += e;
    h[5]! += f;
    h[6]! += g;
    h[7]! += hh;
  }
  return digest(h);
}

/** SHA-1 of `data` (20 bytes; §6.1). */
export function sha1Bytes(data: Uint8Array): Uint8Array {
  const { words, blocks } = padded(data);
  const h = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);
  const w = new Uint32Array(80);
  for (let b = 0; b < blocks; b++) {
    for (let t = 0; t < 16; t++) w[t] = words.getUint32(b * 64 + t * 4);
    for (let t = 16; t < 80; t++) w[t] = rotr(w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!, 31);
    let [a, b1, c, d, e] = h as unknown as [number, number, number, number, number];
    for (let t = 0; t < 80; t++) {
      const f =
        t < 20 ? ((b1 & c) | (~b1 & d)) + 0x5a827999
        : t < 40 ? (b1 ^ c ^ d) + 0x6ed9eba1
        : t < 60 ? ((b1 & c) | (b1 & d) | (c & d)) + 0x8f1bbcdc
        : (b1 ^ c ^ d) + 0xca62c1d6;
      const next = (rotr(a, 27) + f + e + w[t]!) | 0;
      e = d;
      d = c;
      c = rotr(b1, 2);
      b1 = a;
      a = next;
    }
    h[0]! += a;
    h[1]! += b1;
    h[2]! += c;
    h[3]! += d;
    h[4]! += e;
  }
  return digest(h);
}
