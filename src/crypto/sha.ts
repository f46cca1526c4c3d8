/**
 * SHA-1 and SHA-256 (FIPS 180-4 §6.1, §6.2) over whole inputs, written small: the browser build
 * needs only these two synchronously (msg_key, auth key ids, handshake, SRP), and taking them from
 * @noble/hashes brought its SHA-2 family and helpers into the first chunk (issue 26). The
 * asynchronous PBKDF2-HMAC-SHA512 (sha512.ts) is loaded when used.
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
 * Runs `block` on each 64-byte block of the padded message (§5.1.1: the input, 0x80, zeros, then
 * the bit length as a 64-bit big-endian integer). Whole blocks are read in place; only the tail is
 * copied, so hashing a large input allocates 128 bytes at most.
 */
function eachBlock(data: Uint8Array, block: (buf: Uint8Array, off: number) => void): void {
  const whole = data.length - (data.length % 64);
  for (let off = 0; off < whole; off += 64) block(data, off);
  const rest = data.length - whole;
  const tail = new Uint8Array(rest < 56 ? 64 : 128);
  tail.set(data.subarray(whole));
  tail[rest] = 0x80;
  const bits = data.length * 8;
  const view = new DataView(tail.buffer);
  view.setUint32(tail.length - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(tail.length - 4, bits >>> 0);
  for (let off = 0; off < tail.length; off += 64) block(tail, off);
}

/** The 16 big-endian words of the block at `off` into `w[0..15]`. */
function loadWords(w: Uint32Array, buf: Uint8Array, off: number): void {
  for (let t = 0; t < 16; t++, off += 4) w[t] = (buf[off]! << 24) | (buf[off + 1]! << 16) | (buf[off + 2]! << 8) | buf[off + 3]!;
}

function digest(state: Uint32Array): Uint8Array {
  const out = new Uint8Array(state.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < state.length; i++) view.setUint32(i * 4, state[i]!);
  return out;
}

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** Message schedules, reused: the hashes are synchronous and never re-entered. */
const W256 = new Uint32Array(64);
const W1 = new Uint32Array(80);

/** SHA-256 of `data` (32 bytes). */
export function sha256Bytes(data: Uint8Array): Uint8Array {
  const h = H256.slice();
  const w = W256;
  eachBlock(data, (buf, off) => {
    loadWords(w, buf, off);
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15]!;
      const y = w[t - 2]!;
      const s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3);
      const s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10);
      w[t] = w[t - 16]! + s0 + w[t - 7]! + s1;
    }
    let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!, f = h[5]!, g = h[6]!, hh = h[7]!;
    for (let t = 0; t < 64; t++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K256[t]! + w[t]!) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0]! += a;
    h[1]! += b;
    h[2]! += c;
    h[3]! += d;
    h[4]! += e;
    h[5]! += f;
    h[6]! += g;
    h[7]! += hh;
  });
  return digest(h);
}

/** SHA-1 of `data` (20 bytes; §6.1). */
export function sha1Bytes(data: Uint8Array): Uint8Array {
  const h = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);
  const w = W1;
  eachBlock(data, (buf, off) => {
    loadWords(w, buf, off);
    for (let t = 16; t < 80; t++) w[t] = rotr(w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!, 31);
    let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!;
    for (let t = 0; t < 80; t++) {
      const f =
        t < 20 ? ((b & c) | (~b & d)) + 0x5a827999
        : t < 40 ? (b ^ c ^ d) + 0x6ed9eba1
        : t < 60 ? ((b & c) | (b & d) | (c & d)) + 0x8f1bbcdc
        : (b ^ c ^ d) + 0xca62c1d6;
      const next = (rotr(a, 27) + f + e + w[t]!) | 0;
      e = d;
      d = c;
      c = rotr(b, 2);
      b = a;
      a = next;
    }
    h[0]! += a;
    h[1]! += b;
    h[2]! += c;
    h[3]! += d;
    h[4]! += e;
  });
  return digest(h);
}
