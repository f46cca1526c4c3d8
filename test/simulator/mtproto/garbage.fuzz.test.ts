/**
 * Garbage on the simulator's streams never crashes it: random bytes, random bytes behind every codec
 * tag, truncated and oversized frames, garbage obfuscation headers, handshake messages out of order,
 * packets under unknown or other DCs' keys. Bad input ends that connection (or earns a -404) and the
 * cluster keeps serving real clients. Size: FUZZ_RUNS random streams (default 400).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../../src/crypto/index.js';
import { serializeObject } from '../../../src/tl/index.js';
import { memoryPipe, wrapPlainMessage, type ByteStream } from '../../../src/transport/index.js';
import type { Simulator } from '../../../src/simulator/index.js';
import { wireSim } from './wire-harness.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 400);
const settle = () => new Promise<void>((r) => setImmediate(r));
const le32 = (v: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v >>> 0, true);
  return b;
};

/** Feeds `chunks` to DC `dcId`; returns what came back and whether the server closed the stream. */
function feed(
  sim: Simulator,
  dcId: number,
  chunks: Uint8Array[],
): { received: Uint8Array[]; closed: () => boolean } {
  const [client, server]: [ByteStream, ByteStream] = memoryPipe();
  const received: Uint8Array[] = [];
  let closed = false;
  client.data$.subscribe({ next: (c) => received.push(c), complete: () => (closed = true) });
  sim.acceptStream(dcId, server);
  for (const c of chunks) {
    if (closed) break;
    client.write(c);
  }
  return { received, closed: () => closed };
}

/** The transport error code in an intermediate-framed answer (4-byte length, then the int32 code). */
const errorCode = (received: Uint8Array[]) => {
  const all = concatBytes(...received);
  return all.length === 8 ? new DataView(all.buffer).getInt32(4, true) : undefined;
};

/** An intermediate frame: tag once, then length-prefixed payloads. */
const intermediate = (...payloads: Uint8Array[]) =>
  concatBytes(Uint8Array.of(0xee, 0xee, 0xee, 0xee), ...payloads.map((p) => concatBytes(le32(p.length), p)));

describe('garbage on the streams', () => {
  it('random streams, with and without codec tags, never throw out of acceptStream', async () => {
    const { sim, connect } = wireSim();
    const tags = [
      new Uint8Array(0),
      Uint8Array.of(0xef),
      Uint8Array.of(0xee, 0xee, 0xee, 0xee),
      Uint8Array.of(0xdd, 0xdd, 0xdd, 0xdd),
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 6 }),
        (dc, tag, chunks) => {
          feed(sim, dc, [tags[tag]!, ...chunks]);
        },
      ),
      { numRuns: RUNS, seed: 5 },
    );
    await settle();
    const c = await connect(2);
    expect(await c.call({ _: 'help.getNearestDc' })).toMatchObject({ thisDc: 2 });
  });

  it('malformed frames, handshake out of order and wrong keys: -404 or a closed connection, never a crash', async () => {
    const { sim, connect } = wireSim();
    // Truncated frame, then the peer goes away.
    const truncated = feed(sim, 2, [
      concatBytes(Uint8Array.of(0xee, 0xee, 0xee, 0xee), le32(1000), new Uint8Array(10)),
    ]);
    expect(truncated.closed()).toBe(false);
    // An announced length beyond the codec's limit closes at once.
    expect(
      feed(sim, 2, [concatBytes(Uint8Array.of(0xee, 0xee, 0xee, 0xee), le32(0x7fffff00))]).closed(),
    ).toBe(true);
    // 64 bytes that are no obfuscation header.
    expect(feed(sim, 2, [new Uint8Array(64).fill(0x55)]).closed()).toBe(true);
    // An unencrypted message that is not TL, and a req_DH_params for an exchange that never started.
    const junkPlain = feed(sim, 2, [intermediate(wrapPlainMessage(4n, new Uint8Array(16).fill(7)))]);
    expect(junkPlain.closed()).toBe(true);
    expect(errorCode(junkPlain.received)).toBe(-404);
    const dhParams = serializeObject({
      _: 'req_DH_params',
      nonce: new Uint8Array(16),
      serverNonce: new Uint8Array(16),
      p: new Uint8Array(4),
      q: new Uint8Array(4),
      publicKeyFingerprint: 1n,
      encryptedData: new Uint8Array(256),
    });
    expect(feed(sim, 3, [intermediate(wrapPlainMessage(8n, dhParams))]).closed()).toBe(true);
    // An encrypted-looking packet under an unknown key: -404 (4 bytes after the length), connection kept.
    const unknown = feed(sim, 2, [
      intermediate(concatBytes(new Uint8Array(8).fill(9), new Uint8Array(80).fill(1))),
    ]);
    expect(errorCode(unknown.received)).toBe(-404);
    expect(unknown.closed()).toBe(false);

    // A real key used on another DC, and its packets corrupted on the right DC.
    const c = await connect(2);
    expect(await c.call({ _: 'help.getNearestDc' })).toMatchObject({ thisDc: 2 });
    c.session.invoke({ _: 'help.getNearestDc' });
    const packet = c.session.flush()!;
    const elsewhere = feed(sim, 4, [intermediate(packet)]);
    expect(errorCode(elsewhere.received)).toBe(-404);
    const corrupted = packet.slice();
    corrupted[40]! ^= 0xff;
    const dropped = feed(sim, 2, [intermediate(corrupted)]);
    await settle();
    expect(dropped.received).toEqual([]);
    expect(sim.connectionCounts()[2]).toBeGreaterThan(0);
    expect(await c.call({ _: 'help.getConfig' })).toMatchObject({ thisDc: 2 });
  });
});
