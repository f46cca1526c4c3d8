/**
 * SHA-512 (FIPS 180-4 §6.4) and PBKDF2-HMAC-SHA512 with a 64-byte output (RFC 8018 §5.2, RFC 2104),
 * written small for the pure backend's SRP password step, which hashes.ts imports on first use:
 * @noble/hashes' PBKDF2 put its SHA-2 family, HMAC and helpers (11.7 KB minified) in that chunk of
 * the browser build (issue 26). Tested against node:crypto and @noble/hashes (test/crypto/sha512.test.ts).
 *
 * 64-bit words are kept as pairs of int32 (high, low) in an Int32Array. PBKDF2 here never goes
 * through bytes between iterations: each HMAC of a 64-byte U is exactly two compressions, from the
 * inner and outer states of the key, computed once (RFC 2104 §4 "Implementation note").
 */
// No imports: a module this lazy chunk shared with the first chunk would make esbuild split that chunk.

/**
 * §4.2.3 round constants (first 64 bits of the fractional parts of the cube roots of the first 80
 * primes) and §5.3.5 initial value (the same of the square roots of the first 8), computed at load:
 * `floor(root(p * 2^(64*k)))` taken mod 2^64 is exactly those bits.
 */
const K = new Int32Array(160);
const IV = new Int32Array(16);
{
  const root = (n: bigint, k: bigint): bigint => {
    // Newton from above converges to floor(n^(1/k)).
    let x = 1n << BigInt(Math.ceil(n.toString(2).length / Number(k)) + 1);
    for (;;) {
      const y = ((k - 1n) * x + n / x ** (k - 1n)) / k;
      if (y >= x) return x;
      x = y;
    }
  };
  const put = (to: Int32Array, i: number, v: bigint) => {
    to[2 * i] = Number((v >> 32n) & 0xffffffffn);
    to[2 * i + 1] = Number(v & 0xffffffffn);
  };
  for (let n = 2, i = 0; i < 80; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
    if (!prime) continue;
    if (i < 8) put(IV, i, root(BigInt(n) << 128n, 2n));
    put(K, i++, root(BigInt(n) << 192n, 3n));
  }
}

/** High word of a 64-bit (h, l) rotated right by 0 < n < 32; its low word is `rh(l, h, n)`. */
const rh = (h: number, l: number, n: number): number => (h >>> n) | (l << (32 - n));
const TWO32 = 0x100000000;

/** §6.4.2: compresses the 32 words of `w` (one 128-byte block, (high, low) pairs) into `s`; `w` is reused as the schedule. */
function compress(s: Int32Array, w: Int32Array): void {
  for (let t = 32; t < 160; t += 2) {
    const h15 = w[t - 30]!, l15 = w[t - 29]!, h2 = w[t - 4]!, l2 = w[t - 3]!;
    // σ0 = ROTR1 ^ ROTR8 ^ SHR7, σ1 = ROTR19 ^ ROTR61 ^ SHR6
    const lo = ((rh(l15, h15, 1) ^ rh(l15, h15, 8) ^ rh(l15, h15, 7)) >>> 0) + ((rh(l2, h2, 19) ^ rh(h2, l2, 29) ^ rh(l2, h2, 6)) >>> 0) + (w[t - 31]! >>> 0) + (w[t - 13]! >>> 0);
    w[t + 1] = lo;
    w[t] = (rh(h15, l15, 1) ^ rh(h15, l15, 8) ^ (h15 >>> 7)) + (rh(h2, l2, 19) ^ rh(l2, h2, 29) ^ (h2 >>> 6)) + w[t - 32]! + w[t - 14]! + ((lo / TWO32) | 0);
  }
  let ah = s[0]!, al = s[1]!, bh = s[2]!, bl = s[3]!, ch = s[4]!, cl = s[5]!, dh = s[6]!, dl = s[7]!;
  let eh = s[8]!, el = s[9]!, fh = s[10]!, fl = s[11]!, gh = s[12]!, gl = s[13]!, hh = s[14]!, hl = s[15]!;
  for (let t = 0; t < 160; t += 2) {
    // T1 = h + Σ1(e) + Ch(e, f, g) + K + W, with Σ1 = ROTR14 ^ ROTR18 ^ ROTR41
    const t1l = (hl >>> 0) + ((rh(el, eh, 14) ^ rh(el, eh, 18) ^ rh(eh, el, 9)) >>> 0) + (((el & fl) ^ (~el & gl)) >>> 0) + (K[t + 1]! >>> 0) + (w[t + 1]! >>> 0);
    const t1h = hh + (rh(eh, el, 14) ^ rh(eh, el, 18) ^ rh(el, eh, 9)) + ((eh & fh) ^ (~eh & gh)) + K[t]! + w[t]! + ((t1l / TWO32) | 0);
    // T2 = Σ0(a) + Maj(a, b, c), with Σ0 = ROTR28 ^ ROTR34 ^ ROTR39
    const t2l = ((rh(al, ah, 28) ^ rh(ah, al, 2) ^ rh(ah, al, 7)) >>> 0) + (((al & bl) ^ (al & cl) ^ (bl & cl)) >>> 0);
    const t2h = (rh(ah, al, 28) ^ rh(al, ah, 2) ^ rh(al, ah, 7)) + ((ah & bh) ^ (ah & ch) ^ (bh & ch));
    hh = gh; hl = gl; gh = fh; gl = fl; fh = eh; fl = el;
    const e = (dl >>> 0) + (t1l >>> 0);
    eh = (dh + t1h + ((e / TWO32) | 0)) | 0;
    el = e | 0;
    dh = ch; dl = cl; ch = bh; cl = bl; bh = ah; bl = al;
    const a = (t1l >>> 0) + t2l;
    ah = (t1h + t2h + ((a / TWO32) | 0)) | 0;
    al = a | 0;
  }
  const vs = [ah, al, bh, bl, ch, cl, dh, dl, eh, el, fh, fl, gh, gl, hh, hl];
  for (let i = 0; i < 16; i += 2) {
    const lo = (s[i + 1]! >>> 0) + (vs[i + 1]! >>> 0);
    s[i + 1] = lo;
    s[i] = s[i]! + vs[i]! + ((lo / TWO32) | 0);
  }
}

/**
 * Hashes `data` on from `state` (a copy of the IV or of a key's HMAC state), `before` bytes having
 * been hashed into it already (§5.1.2 padding counts them); returns the state.
 */
function hashFrom(state: Int32Array, data: Uint8Array, before: number): Int32Array {
  const total = data.length + 17;
  const padded = new Uint8Array(total + ((128 - (total % 128)) % 128));
  padded.set(data);
  padded[data.length] = 0x80;
  const bits = (before + data.length) * 8;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bits / TWO32));
  view.setUint32(padded.length - 4, bits >>> 0);
  return absorb(state, padded);
}

/** `state` after compressing the whole blocks of `blocks` (no padding added). */
function absorb(state: Int32Array, blocks: Uint8Array): Int32Array {
  const s = state.slice();
  const w = new Int32Array(160);
  const view = new DataView(blocks.buffer, blocks.byteOffset, blocks.length);
  for (let off = 0; off < blocks.length; off += 128) {
    for (let i = 0; i < 32; i++) w[i] = view.getInt32(off + 4 * i);
    compress(s, w);
  }
  return s;
}

function toBytes(s: Int32Array): Uint8Array {
  const out = new Uint8Array(64);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 16; i++) view.setInt32(4 * i, s[i]!);
  return out;
}

/** SHA-512 of `data`. */
export function sha512Bytes(data: Uint8Array): Uint8Array {
  return toBytes(hashFrom(IV, data, 0));
}

/**
 * PBKDF2-HMAC-SHA512 with a 64-byte output (one block, T_1); `iterations` is checked by the caller
 * (hashes.ts `pbkdf2Sha512`). Async only to await between chunks of 1024 iterations, as
 * @noble/hashes' pbkdf2Async did (100 000 iterations take a while in JS).
 */
export async function pbkdf2HmacSha512(password: Uint8Array, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  // RFC 2104 §2: a key longer than the block is hashed first; the inner and outer states absorb K ^ ipad and K ^ opad.
  const key = new Uint8Array(128);
  key.set(password.length > 128 ? sha512Bytes(password) : password);
  const pad = (byte: number) => absorb(IV, key.map((b) => b ^ byte));
  const inner = pad(0x36);
  const outer = pad(0x5c);
  const w = new Int32Array(160);
  // U_1 = HMAC(P, S || INT(1)).
  const first = new Uint8Array(salt.length + 4);
  first.set(salt);
  first[salt.length + 3] = 1;
  const u = hashFrom(outer, toBytes(hashFrom(inner, first, 128)), 128);
  const t = u.slice();
  const s = new Int32Array(16);
  for (let i = 1; i < iterations; i++) {
    // U_i = HMAC(P, U_{i-1}): both hashes are one block, the 64-byte message padded to 128 + 64 bytes hashed.
    for (const state of [inner, outer]) {
      w.set(u);
      w.fill(0, 16, 32);
      w[16] = 0x80000000 | 0;
      w[31] = (128 + 64) * 8;
      s.set(state);
      compress(s, w);
      u.set(s);
    }
    for (let j = 0; j < 16; j++) t[j] = t[j]! ^ u[j]!;
    if (i % 1024 === 0) await Promise.resolve();
  }
  return toBytes(t);
}
