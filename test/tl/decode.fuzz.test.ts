// Decoder fuzz: FUZZ_RUNS (default 10,000) random and mutated messages from a seeded mutator over a
// corpus of valid messages drawn from the whole schema. Every input must decode or throw TlDecodeError,
// decode the same way whatever bytes surround it (no reads past the end), finish quickly (no hangs) and
// produce no more data than the input holds (no allocation beyond what the input justifies).
import fc from 'fast-check';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { deserializeObject, serializeObject, TlDecodeError, type TlAny } from '../../src/tl/index.js';
import { byId, byName } from '../../src/tl/registry.js';
import { allEntries, entryArb } from './tl-arbitrary.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const ids = [...byId.keys(), 0x1cb5c415, 0x3072cfa1];

/** xorshift32: a tiny seeded PRNG so every run replays exactly. */
function prng(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
  return { next, int: (n: number) => Math.floor(next() * n) };
}

function corpus(): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const e of allEntries) {
    for (const v of fc.sample(entryArb(e), { numRuns: 2, seed: e.id })) out.push(serializeObject(v as TlAny));
  }
  const pong = serializeObject({ _: 'pong', msgId: 1n, pingId: 2n });
  out.push(serializeObject({ _: 'gzip_packed', packedData: gzipSync(pong) }));
  const auth = fc.sample(entryArb(byName.get('auth.authorization')!), { numRuns: 5, seed: 7 });
  for (const a of auth) out.push(serializeObject({ _: 'rpc_result', reqMsgId: 1n, result: a as TlAny }));
  return out;
}

function mutate(src: Uint8Array, rnd: ReturnType<typeof prng>): Uint8Array {
  let b = src.slice();
  const dv = () => new DataView(b.buffer, b.byteOffset, b.byteLength);
  const steps = 1 + rnd.int(4);
  for (let s = 0; s < steps && b.length > 0; s++) {
    const at = rnd.int(b.length);
    const word = at & ~3;
    switch (rnd.int(7)) {
      case 0: // flip bits
        b[at] = b[at]! ^ (1 << rnd.int(8));
        break;
      case 1: // an extreme int (vector counts, lengths, flags)
        if (word + 4 <= b.length)
          dv().setUint32(
            word,
            [0x7fffffff, 0xffffffff, 0x80000000, 0xfeffffff, 0x00fffffe][rnd.int(5)]!,
            true,
          );
        break;
      case 2: // a long bytes prefix
        b[at] = 0xfe;
        break;
      case 3: // truncate
        b = b.slice(0, at);
        break;
      case 4: // a known constructor ID somewhere aligned
        if (word + 4 <= b.length) dv().setUint32(word, ids[rnd.int(ids.length)]!, true);
        break;
      case 5: {
        // duplicate a slice
        const len = rnd.int(Math.min(64, b.length - at) + 1);
        const next = new Uint8Array(b.length + len);
        next.set(b.subarray(0, at + len));
        next.set(b.subarray(at), at + len);
        b = next;
        break;
      }
      default: // random byte
        b[at] = rnd.int(256);
    }
  }
  return b;
}

function randomMessage(rnd: ReturnType<typeof prng>): Uint8Array {
  const b = new Uint8Array(rnd.int(200));
  for (let i = 0; i < b.length; i++) b[i] = rnd.int(256);
  if (b.length >= 4 && rnd.next() < 0.7) new DataView(b.buffer).setUint32(0, ids[rnd.int(ids.length)]!, true);
  return b;
}

/** Bytes of data a decoded value holds; bounded by the input size when nothing was unpacked. */
function footprint(v: unknown): number {
  if (v instanceof Uint8Array) return v.length;
  if (typeof v === 'string') return v.length;
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + 4 + footprint(x), 0);
  // `_` names are shared constants, not data taken from the input.
  if (typeof v === 'object' && v !== null) {
    return Object.entries(v).reduce((n: number, [k, x]) => (k === '_' ? n : n + footprint(x)), 0);
  }
  return 0;
}

type Outcome = { value: unknown } | { error: string };
function decode(bytes: Uint8Array): Outcome {
  try {
    return { value: deserializeObject(bytes) };
  } catch (e) {
    if (!(e instanceof TlDecodeError))
      throw new Error(`non-TlDecodeError thrown: ${String(e)}`, { cause: e });
    return { error: e.message };
  }
}

describe(`TL decoder fuzz (${RUNS} inputs)`, () => {
  it('throws only TlDecodeError, stays inside the buffer, never hangs, never over-allocates', () => {
    const rnd = prng(0x7e57);
    const seeds = corpus();
    let decoded = 0;
    let slowest = 0;
    for (let i = 0; i < RUNS; i++) {
      const input = i % 4 === 0 ? randomMessage(rnd) : mutate(seeds[rnd.int(seeds.length)]!, rnd);
      const t0 = performance.now();
      const alone = decode(input);
      slowest = Math.max(slowest, performance.now() - t0);
      // The same bytes inside a larger buffer with garbage around them must decode identically.
      const host = new Uint8Array(input.length + 64);
      for (let j = 0; j < host.length; j++) host[j] = rnd.int(256);
      host.set(input, 32);
      expect(decode(host.subarray(32, 32 + input.length))).toEqual(alone);
      if ('value' in alone) {
        decoded++;
        const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
        let packed = false;
        for (let j = 0; j + 4 <= input.length; j += 4) packed ||= view.getUint32(j, true) === 0x3072cfa1;
        if (!packed) expect(footprint(alone.value)).toBeLessThanOrEqual(input.length);
      }
    }
    expect(slowest).toBeLessThan(1000);
    // Mutations must leave some inputs valid, or the test would only exercise the first check.
    expect(decoded).toBeGreaterThan(RUNS / 50);
  });
});
