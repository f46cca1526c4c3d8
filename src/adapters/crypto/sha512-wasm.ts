/**
 * PBKDF2-HMAC-SHA512 iterations in WebAssembly (SHA-512: FIPS 180-4 §6.4; HMAC: RFC 2104;
 * PBKDF2: RFC 8018 §5.2), for 2FA's `pbkdf2(sha512, ..., 100000)` (core.telegram.org/api/srp).
 *
 * Why: OpenSSL's PBKDF2 (node:crypto) re-initialises an HMAC context per iteration, which through
 * OpenSSL 3's provider layer copies and allocates three digest contexts; measured on the bench host
 * it costs 233 ns per SHA-512 compression against 150 ns for bulk hashing. This module keeps the
 * HMAC inner and outer midstates (computed once) and the running U and T in registers and memory,
 * and runs each iteration as exactly two compressions of a fixed-shape 64-byte message: ~210 ns per
 * compression, 42 ms against 47.5 ms for 100,000 iterations. Whether it wins on a given machine is
 * measured, not assumed (node-pow-workers.ts calibrates it against OpenSSL before using it).
 *
 * Memory (one page; 64-bit words in the module's native little-endian order):
 * KEY [0, 128) the HMAC key block; IPAD [128, 192) and OPAD [192, 256) the midstates after
 * (key ^ 0x36..) and (key ^ 0x5c..); U [256, 320) the last HMAC output; T [320, 384) their XOR;
 * N [384, 392) an iteration count. Exports: `hmacInit()` (KEY -> IPAD, OPAD) and `iterate()`
 * (N more iterations on U and T; N is 0 afterwards).
 */
import { Code, Op, wasmModule } from './wasm-emit.js';

export const KEY = 0;
export const IPAD = 128;
export const OPAD = 192;
export const U = 256;
export const T = 320;
export const N = 384;

/** SHA-512 round constants (FIPS 180-4 §4.2.3). */
const K = [
  '428a2f98d728ae22',
  '7137449123ef65cd',
  'b5c0fbcfec4d3b2f',
  'e9b5dba58189dbbc',
  '3956c25bf348b538',
  '59f111f1b605d019',
  '923f82a4af194f9b',
  'ab1c5ed5da6d8118',
  'd807aa98a3030242',
  '12835b0145706fbe',
  '243185be4ee4b28c',
  '550c7dc3d5ffb4e2',
  '72be5d74f27b896f',
  '80deb1fe3b1696b1',
  '9bdc06a725c71235',
  'c19bf174cf692694',
  'e49b69c19ef14ad2',
  'efbe4786384f25e3',
  '0fc19dc68b8cd5b5',
  '240ca1cc77ac9c65',
  '2de92c6f592b0275',
  '4a7484aa6ea6e483',
  '5cb0a9dcbd41fbd4',
  '76f988da831153b5',
  '983e5152ee66dfab',
  'a831c66d2db43210',
  'b00327c898fb213f',
  'bf597fc7beef0ee4',
  'c6e00bf33da88fc2',
  'd5a79147930aa725',
  '06ca6351e003826f',
  '142929670a0e6e70',
  '27b70a8546d22ffc',
  '2e1b21385c26c926',
  '4d2c6dfc5ac42aed',
  '53380d139d95b3df',
  '650a73548baf63de',
  '766a0abb3c77b2a8',
  '81c2c92e47edaee6',
  '92722c851482353b',
  'a2bfe8a14cf10364',
  'a81a664bbc423001',
  'c24b8b70d0f89791',
  'c76c51a30654be30',
  'd192e819d6ef5218',
  'd69906245565a910',
  'f40e35855771202a',
  '106aa07032bbd1b8',
  '19a4c116b8d2d0c8',
  '1e376c085141ab53',
  '2748774cdf8eeb99',
  '34b0bcb5e19b48a8',
  '391c0cb3c5c95a63',
  '4ed8aa4ae3418acb',
  '5b9cca4f7763e373',
  '682e6ff3d6b2b8a3',
  '748f82ee5defb2fc',
  '78a5636f43172f60',
  '84c87814a1f0ab72',
  '8cc702081a6439ec',
  '90befffa23631e28',
  'a4506cebde82bde9',
  'bef9a3f7b2c67915',
  'c67178f2e372532b',
  'ca273eceea26619c',
  'd186b8c721c0c207',
  'eada7dd6cde0eb1e',
  'f57d4f7fee6ed178',
  '06f067aa72176fba',
  '0a637dc5a2c898a6',
  '113f9804bef90dae',
  '1b710b35131c471b',
  '28db77f523047d84',
  '32caab7b40c72493',
  '3c9ebe0a15c9bebc',
  '431d67c49c100d4c',
  '4cc5d4becb3e42b6',
  '597f299cfc657e2a',
  '5fcb6fab3ad6faec',
  '6c44198c4a475817',
].map((h) => BigInt('0x' + h));

/** SHA-512 initial hash value (FIPS 180-4 §5.3.5). */
const IV = [
  '6a09e667f3bcc908',
  'bb67ae8584caa73b',
  '3c6ef372fe94f82b',
  'a54ff53a5f1d36f1',
  '510e527fade682d1',
  '9b05688c2b3e6c1f',
  '1f83d9abfb41bd6b',
  '5be0cd19137e2179',
].map((h) => BigInt('0x' + h));

/**
 * The padded tail of a one-block message after a 128-byte key block and 64 bytes of data: a 1 bit,
 * zeros, and the length in bits (1536) in the last word. Words 8..15 of every iteration's blocks.
 */
const TAIL = [1n << 63n, 0n, 0n, 0n, 0n, 0n, 0n, 1536n];

/** Where a compression reads its initial state and message words, and what it does with the result. */
interface Block {
  /** Pushes word i of the state to add to (the midstate, or IV). */
  readonly state: (c: Code, i: number) => void;
  /** Pushes message word i (0..15). */
  readonly word: (c: Code, i: number) => void;
  /** Consumes word i of the new state: `push` pushes the value. */
  readonly result: (c: Code, i: number, push: () => void) => void;
}

/**
 * The i64 locals of both functions: working variables a..h, T1, the 16-word schedule window, two
 * 8-word buffers and a counter. One layout, so the 80 rounds are the same bytes in every compression.
 */
const l = { a: 0, t1: 8, w: 9, u: 25, x: 33, n: 41, count: 42 } as const;

const rotrXor3 = (c: Code, v: number, r1: bigint, r2: bigint, r3: bigint, shift: boolean): void => {
  c.get(v).i64(r1).op(Op.i64Rotr).get(v).i64(r2).op(Op.i64Rotr).op(Op.i64Xor);
  c.get(v)
    .i64(r3)
    .op(shift ? Op.i64ShrU : Op.i64Rotr)
    .op(Op.i64Xor);
};

/** The 80 rounds on the locals, unrolled: the variables rotate by renaming, not moves. Ends in
 * `order`: which local holds each final working variable. */
function rounds(): { bytes: Uint8Array; order: number[] } {
  const c = new Code();
  let v = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => l.a + i);
  for (let t = 0; t < 80; t++) {
    const [a, b, cc, d, e, f, g, h] = v as [number, number, number, number, number, number, number, number];
    const w = l.w + (t % 16);
    if (t >= 16) {
      // W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16], in a 16-word window.
      rotrXor3(c, l.w + ((t - 2) % 16), 19n, 61n, 6n, true);
      c.get(l.w + ((t - 7) % 16)).op(Op.i64Add);
      rotrXor3(c, l.w + ((t - 15) % 16), 1n, 8n, 7n, true);
      c.op(Op.i64Add).get(w).op(Op.i64Add).set(w);
    }
    // T1 = h + S1(e) + Ch(e, f, g) + K[t] + W[t], with Ch = g ^ (e & (f ^ g)).
    c.get(h);
    rotrXor3(c, e, 14n, 18n, 41n, false);
    c.op(Op.i64Add).get(g).get(e).get(f).get(g).op(Op.i64Xor).op(Op.i64And).op(Op.i64Xor).op(Op.i64Add);
    c.i64(K[t]!).get(w).op(Op.i64Add).op(Op.i64Add).set(l.t1);
    c.get(d).get(l.t1).op(Op.i64Add).set(d);
    // h <- T1 + S0(a) + Maj(a, b, c), with Maj = (a & b) | (c & (a | b)); then rename.
    c.get(l.t1);
    rotrXor3(c, a, 28n, 34n, 39n, false);
    c.op(Op.i64Add).get(a).get(b).op(Op.i64And).get(cc).get(a).get(b).op(Op.i64Or).op(Op.i64And).op(Op.i64Or);
    c.op(Op.i64Add).set(h);
    v = [h, a, b, cc, d, e, f, g];
  }
  return { bytes: c.bytes, order: v };
}

let shared: ReturnType<typeof rounds> | undefined;

/** One SHA-512 compression: load state and message, the shared rounds, add the state back. */
function compress(c: Code, block: Block): void {
  for (let i = 0; i < 8; i++) {
    block.state(c, i);
    c.set(l.a + i);
  }
  for (let i = 0; i < 16; i++) {
    block.word(c, i);
    c.set(l.w + i);
  }
  shared ??= rounds();
  const { bytes, order } = shared;
  c.append(bytes);
  for (let i = 0; i < 8; i++) {
    block.result(c, i, () => {
      c.get(order[i]!);
      block.state(c, i);
      c.op(Op.i64Add);
    });
  }
}

const load = (c: Code, offset: number): void => void c.i32(0).memory(Op.i64Load, offset);
const store = (c: Code, offset: number, push: () => void): void => {
  c.i32(0);
  push();
  c.memory(Op.i64Store, offset);
};

/** hmacInit(): IPAD = compress(IV, KEY ^ 0x3636..), OPAD = compress(IV, KEY ^ 0x5c5c..). */
function hmacInit(): Code {
  const c = new Code();
  for (const [pad, out] of [
    [0x3636363636363636n, IPAD],
    [0x5c5c5c5c5c5c5c5cn, OPAD],
  ] as const) {
    compress(c, {
      state: (c, i) => void c.i64(IV[i]!),
      word: (c, i) => {
        load(c, KEY + 8 * i);
        c.i64(pad).op(Op.i64Xor);
      },
      result: (c, i, push) => store(c, out + 8 * i, push),
    });
  }
  return c;
}

/** iterate(): N times U = HMAC(U) (inner block from IPAD, outer from OPAD), T ^= U. */
function iterate(): Code {
  const c = new Code();
  load(c, N);
  c.set(l.n);
  for (let i = 0; i < 8; i++) {
    load(c, U + 8 * i);
    c.set(l.u + i);
  }
  c.open(Op.block).open(Op.loop);
  c.get(l.n).op(Op.i64Eqz).branch(Op.brIf, 1);
  // Inner hash: U -> X from the IPAD midstate; outer hash: X -> U from the OPAD midstate.
  for (const [midstate, from, to] of [
    [IPAD, l.u, l.x],
    [OPAD, l.x, l.u],
  ] as const) {
    compress(c, {
      state: (c, i) => load(c, midstate + 8 * i),
      word: (c, i) => void (i < 8 ? c.get(from + i) : c.i64(TAIL[i - 8]!)),
      result: (c, i, push) => {
        push();
        c.set(to + i);
      },
    });
  }
  for (let i = 0; i < 8; i++) {
    store(c, T + 8 * i, () => {
      load(c, T + 8 * i);
      c.get(l.u + i).op(Op.i64Xor);
    });
  }
  c.get(l.n).i64(1n).op(Op.i64Sub).set(l.n).branch(Op.br, 0);
  c.op(Op.end).op(Op.end);
  for (let i = 0; i < 8; i++) store(c, U + 8 * i, () => void c.get(l.u + i));
  store(c, N, () => void c.i64(0n));
  return c;
}

let built: Uint8Array<ArrayBuffer> | undefined;

/** The module's bytes (~42 KB, ~5 ms to build cold; built once per process). */
export function pbkdf2Sha512Wasm(): Uint8Array<ArrayBuffer> {
  built ??= wasmModule([
    { name: 'hmacInit', locals: l.count, code: hmacInit() },
    { name: 'iterate', locals: l.count, code: iterate() },
  ]);
  return built;
}
