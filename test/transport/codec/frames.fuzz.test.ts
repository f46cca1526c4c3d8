/**
 * Frame decoder fuzzing: random byte streams and mutated valid streams, cut at random points, into
 * every decoder (both roles of each plain framing, the auto-detecting server, obfuscated clients).
 * Every outcome must be events or a `TransportError`: zero untyped exceptions. Hangs would show as
 * the test timing out; every decode call is also checked to consume its input in bounded time.
 * Size: FUZZ_RUNS cases per property (default 5000, two properties).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pureCrypto } from '../../../src/crypto/index.js';
import {
  ServerCodec,
  TransportError,
  createClientCodec,
  createPlainCodec,
  type FrameCodec,
} from '../../../src/transport/index.js';
import { fixedRandom } from '../../helpers/fixed-random.js';
import { KINDS, VARIANTS, codecPair, concat, splitAt } from './codec-helpers.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
const MAX = 4096;

/** Every decoder under test, fresh for each case. */
function decoders(): { name: string; codec: FrameCodec }[] {
  const random = fixedRandom('fuzz');
  const list: { name: string; codec: FrameCodec }[] = [];
  for (const kind of KINDS) {
    list.push({
      name: `${kind}/client`,
      codec: createPlainCodec(kind, 'client', { maxFrameLength: MAX, random }),
    });
    list.push({
      name: `${kind}/server`,
      codec: createPlainCodec(kind, 'server', { maxFrameLength: MAX, random }),
    });
  }
  list.push({ name: 'auto', codec: new ServerCodec({ crypto: pureCrypto, maxFrameLength: MAX, random }) });
  list.push({
    name: 'obfuscated2/intermediate/client',
    codec: createClientCodec('intermediate', {
      maxFrameLength: MAX,
      random,
      obfuscated: { crypto: pureCrypto },
    }),
  });
  return list;
}

let outcomes = { events: 0, typedErrors: 0 };

/** Feeds chunks; returns normally or with a TransportError, fails the test on anything else. */
function feed(codec: FrameCodec, chunks: Uint8Array[]): void {
  for (const chunk of chunks) {
    try {
      const events = codec.decode(chunk);
      for (const e of events) {
        if (e.kind === 'frame') expect(e.payload.length).toBeLessThanOrEqual(MAX + 15);
        else if (e.kind === 'error') expect(e.error).toBeInstanceOf(TransportError);
        else expect(e.token >>> 31).toBe(1);
      }
      outcomes.events += events.length;
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      expect(typeof error.code).toBe('number');
      outcomes.typedErrors++;
      return;
    }
  }
}

const mutation = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat(7) }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  if (bytes.length === 0) return bytes;
  const at = m.at % bytes.length;
  const out = Array.from(bytes);
  if (m.op === 'flip') out[at] = out[at]! ^ (1 << m.bit);
  else if (m.op === 'insert') out.splice(at, 0, ...m.bytes);
  else if (m.op === 'delete') out.splice(at, m.count);
  else out.length = at;
  return Uint8Array.from(out);
}

describe('frame decoder fuzz', () => {
  it('random byte streams into every decoder: only events or TransportError', () => {
    outcomes = { events: 0, typedErrors: 0 };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.array(fc.nat(), { maxLength: 12 }), (bytes, cuts) => {
        for (const { codec } of decoders()) feed(codec, splitAt(bytes, cuts));
      }),
      { numRuns: RUNS },
    );
    expect(outcomes.typedErrors).toBeGreaterThan(0);
  });

  it('mutated valid streams (both directions, every variant): only events or TransportError', () => {
    outcomes = { events: 0, typedErrors: 0 };
    const variant = fc.constantFrom(...VARIANTS);
    const payloads = fc.array(
      fc.integer({ min: 5, max: 64 }).map((w) => new Uint8Array(w * 4).fill(w)),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(
        variant,
        payloads,
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (v, ps, ms, cuts) => {
          const { client, server } = codecPair(v.kind, v.obfuscated, 'fuzz');
          const up = concat(ps.map((p, i) => client.encode(p, { quickAck: i % 2 === 0 })));
          feed(server, splitAt(ms.reduce(mutate, up), cuts));
          if (!server.detected) return;
          const down = concat([...ps.map((p) => server.encode(p)), server.encodeQuickAck(7)]);
          feed(client, splitAt(ms.reduce(mutate, down), cuts));
        },
      ),
      { numRuns: RUNS },
    );
    expect(outcomes.events).toBeGreaterThan(0);
    expect(outcomes.typedErrors).toBeGreaterThan(0);
  });
});
