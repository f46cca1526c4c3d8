/**
 * Every codec, plain and obfuscated, round-trips frames in both directions when the byte stream is
 * cut at arbitrary points: client -> auto-detecting server, then server -> client.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FrameEvent } from '../../../src/transport/index.js';
import { VARIANTS, codecPair, concat, decodeAll, splitAt } from './codec-helpers.js';

/** MTProto-shaped payloads: a multiple of 4 bytes, at least 20 (shorter ones are transport errors). */
const payload = fc
  .integer({ min: 5, max: 300 })
  .chain((words) => fc.uint8Array({ minLength: words * 4, maxLength: words * 4 }));
const frames = fc.array(fc.record({ payload, quickAck: fc.boolean() }), { minLength: 1, maxLength: 6 });
const cuts = fc.array(fc.nat(), { maxLength: 24 });

function expectFrames(
  kind: string,
  events: FrameEvent[],
  sent: { payload: Uint8Array; quickAck: boolean }[],
  side: 'server' | 'client',
) {
  expect(events.map((e) => e.kind)).toEqual(sent.map(() => 'frame'));
  events.forEach((event, i) => {
    if (event.kind !== 'frame') return;
    const want = sent[i]!;
    if (kind === 'padded') {
      // Padded intermediate keeps its 0..15 padding bytes (core.telegram.org/mtproto/mtproto-transports): the payload is a prefix.
      expect(event.payload.length - want.payload.length).toBeGreaterThanOrEqual(0);
      expect(event.payload.length - want.payload.length).toBeLessThan(16);
      expect(event.payload.subarray(0, want.payload.length)).toEqual(want.payload);
    } else {
      expect(event.payload).toEqual(want.payload);
    }
    expect(event.quickAck).toBe(side === 'server' ? want.quickAck : false);
  });
}

describe.each(VARIANTS)('codec $kind (obfuscated: $obfuscated)', ({ kind, obfuscated }) => {
  it('round-trips client -> server -> client at random chunk boundaries', () => {
    fc.assert(
      fc.property(frames, frames, cuts, cuts, (up, down, upCuts, downCuts) => {
        const { client, server } = codecPair(kind, obfuscated);
        const wire = concat(up.map((f) => client.encode(f.payload, { quickAck: f.quickAck })));
        expectFrames(kind, decodeAll(server, splitAt(wire, upCuts)), up, 'server');
        expect(server.detected).toEqual(
          obfuscated ? { kind, obfuscated: true, dcField: 2 } : { kind, obfuscated: false },
        );
        const back = concat(down.map((f) => server.encode(f.payload)));
        expectFrames(
          kind,
          decodeAll(client, splitAt(back, downCuts)),
          down.map((f) => ({ ...f, quickAck: false })),
          'client',
        );
      }),
      { numRuns: 40 },
    );
  });

  it('delivers a quick-ack reply as its own event, between frames, byte by byte', () => {
    const { client, server } = codecPair(kind, obfuscated);
    server.decode(client.encode(new Uint8Array(40), { quickAck: true }));
    const token = 0x80000000 | 0x12345678;
    const wire = concat([
      server.encode(new Uint8Array(24).fill(1)),
      server.encodeQuickAck(0x12345678),
      server.encode(new Uint8Array(28)),
    ]);
    const events = decodeAll(client, splitAt(wire, [...wire.keys()]));
    expect(events.map((e) => e.kind)).toEqual(['frame', 'quickAck', 'frame']);
    expect(events[1]).toEqual({ kind: 'quickAck', token: token >>> 0 });
  });
});
