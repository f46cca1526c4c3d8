/**
 * Pollard–Brent rho for odd n < 2^63 on plain JS numbers: Montgomery multiplication with three
 * 21-bit limbs (CIOS), so every limb product (< 2^42) and partial sum stays exact in a double.
 * Faster than the same loop on bigint, which allocates on every step. Hot-path notes: limbs are
 * split with a multiply by 2^-21 and Math.floor (double `%` is a slow runtime call in V8), and
 * the state lives in a Float64Array rather than closure variables.
 */

const B = 2097152; // 2^21
const INV_B = 1 / B;
const MASK = B - 1;

/** Modulus context: limbs n0..n2 and np = -n^-1 mod 2^21 split into 11/10-bit halves. */
interface Mod {
  n0: number;
  n1: number;
  n2: number;
  npLo: number;
  npHi: number;
}

/** out[0..2] = a * b / 2^63 mod n, inputs < n. */
function mont(a0: number, a1: number, a2: number, b0: number, b1: number, b2: number, m: Mod, out: Float64Array): void {
  const { n0, n1, n2, npLo, npHi } = m;
  let t0 = 0, t1 = 0, t2 = 0, t3 = 0;
  for (let i = 0; i < 3; i++) {
    const ai = i === 0 ? a0 : i === 1 ? a1 : a2;
    let x = t0 + ai * b0;
    let hi = Math.floor(x * INV_B);
    t0 = x - hi * B;
    x = t1 + ai * b1 + hi; hi = Math.floor(x * INV_B); t1 = x - hi * B;
    x = t2 + ai * b2 + hi; hi = Math.floor(x * INV_B); t2 = x - hi * B;
    t3 += hi;
    // u = t0 * np mod 2^21 with 32-bit integer ops (t0 < 2^21, np halves < 2^11).
    const u = (t0 * npLo + (((t0 * npHi) & 0x3ff) << 11)) & MASK;
    x = t0 + u * n0; hi = x * INV_B; // exact: x ≡ 0 mod 2^21 by the choice of u
    x = t1 + u * n1 + hi; hi = Math.floor(x * INV_B); t0 = x - hi * B;
    x = t2 + u * n2 + hi; hi = Math.floor(x * INV_B); t1 = x - hi * B;
    x = t3 + hi; hi = Math.floor(x * INV_B); t2 = x - hi * B; t3 = hi;
  }
  if (t3 > 0 || t2 > n2 || (t2 === n2 && (t1 > n1 || (t1 === n1 && t0 >= n0)))) {
    t0 -= n0; t1 -= n1; t2 -= n2;
    if (t0 < 0) { t0 += B; t1--; }
    if (t1 < 0) { t1 += B; t2--; }
    if (t2 < 0) t2 += B; // the 2^63 borrowed from t3
  }
  out[0] = t0; out[1] = t1; out[2] = t2;
}

const limb = (x: bigint, i: number): number => Number((x >> BigInt(21 * i)) & 0x1fffffn);
const toBig = (a: number, b: number, c: number): bigint => BigInt(a) + (BigInt(b) << 21n) + (BigInt(c) << 42n);

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Returns a factor of the odd composite `n` (< 2^63), or `n` if this (y0, c) run failed. */
export function pollardBrent63(n: bigint, y0: bigint, c: bigint): bigint {
  let inv = 1n; // n^-1 mod 2^21 by Newton iteration
  for (let i = 0; i < 5; i++) inv = (inv * (2n - n * inv)) & 0x1fffffn;
  const np = Number(-inv & 0x1fffffn);
  const m: Mod = { n0: limb(n, 0), n1: limb(n, 1), n2: limb(n, 2), npLo: np & 0x7ff, npHi: np >>> 11 };
  const { n0, n1, n2 } = m;
  const cr = c % n;
  const c0 = limb(cr, 0), c1 = limb(cr, 1), c2 = limb(cr, 2);
  const s = new Float64Array(3); // scratch for mont results
  const yr = y0 % n;
  let y0l = limb(yr, 0), y1l = limb(yr, 1), y2l = limb(yr, 2);

  // y -> y^2 + c mod n in Montgomery form (c need not be converted: any constant works).
  const step = (): void => {
    mont(y0l, y1l, y2l, y0l, y1l, y2l, m, s);
    let s0 = s[0]! + c0, s1 = s[1]! + c1, s2 = s[2]! + c2;
    if (s0 >= B) { s0 -= B; s1++; }
    if (s1 >= B) { s1 -= B; s2++; }
    if (s2 > n2 || (s2 === n2 && (s1 > n1 || (s1 === n1 && s0 >= n0)))) {
      s0 -= n0; s1 -= n1; s2 -= n2;
      if (s0 < 0) { s0 += B; s1--; }
      if (s1 < 0) { s1 += B; s2--; }
    }
    y0l = s0; y1l = s1; y2l = s2;
  };
  // d = |x - y| into the scratch.
  const absDiff = (x0: number, x1: number, x2: number): void => {
    const xBig = x2 > y2l || (x2 === y2l && (x1 > y1l || (x1 === y1l && x0 >= y0l)));
    let d0 = xBig ? x0 - y0l : y0l - x0, d1 = xBig ? x1 - y1l : y1l - x1, d2 = xBig ? x2 - y2l : y2l - x2;
    if (d0 < 0) { d0 += B; d1--; }
    if (d1 < 0) { d1 += B; d2--; }
    s[0] = d0; s[1] = d1; s[2] = d2;
  };

  let q0 = 1, q1 = 0, q2 = 0;
  let g = 1n, r = 1, x0 = 0, x1 = 0, x2 = 0, ys0 = 0, ys1 = 0, ys2 = 0;
  const M = 128; // |x - y| products are batched so a gcd is taken only every M steps
  while (g === 1n) {
    x0 = y0l; x1 = y1l; x2 = y2l;
    for (let i = 0; i < r; i++) step();
    for (let k = 0; k < r && g === 1n; k += M) {
      ys0 = y0l; ys1 = y1l; ys2 = y2l;
      const lim = Math.min(M, r - k);
      for (let i = 0; i < lim; i++) {
        step();
        absDiff(x0, x1, x2);
        mont(q0, q1, q2, s[0]!, s[1]!, s[2]!, m, s);
        q0 = s[0]!; q1 = s[1]!; q2 = s[2]!;
      }
      g = gcd(toBig(q0, q1, q2), n);
    }
    r *= 2;
    if (r > 1 << 26) return n; // give up; the caller retries with another c
  }
  if (g === n) {
    // The batch overshot: replay it one step at a time.
    y0l = ys0; y1l = ys1; y2l = ys2;
    do {
      step();
      absDiff(x0, x1, x2);
      g = gcd(toBig(s[0]!, s[1]!, s[2]!), n);
    } while (g === 1n);
  }
  return g;
}
