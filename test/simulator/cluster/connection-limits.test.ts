/**
 * The simulator's connection limits (src/simulator/cluster/connection-limits.ts): a socket that never
 * finishes its key exchange or goes idle is closed, a frame above 1 MiB is refused, and the partial
 * frames of all connections together stay under the cap. On the manual clock.
 */
import { describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../../src/adapters/crypto/index.js';
import { createSimulator } from '../../../src/simulator/index.js';
import { memoryPipe, type ByteStream } from '../../../src/transport/index.js';
import { fixedRandom } from '../../helpers/fixed-random.js';
import { ManualClock } from '../../helpers/manual-clock.js';

function rig(limits: Parameters<typeof createSimulator>[0]['limits'] = true) {
  const clock = new ManualClock();
  const sim = createSimulator({ clock, random: fixedRandom('limits'), dcCount: 1, crypto: nodeCrypto, limits });
  const open = (): { client: ByteStream; closed: () => boolean } => {
    const [client, server] = memoryPipe();
    let closed = false;
    client.data$.subscribe({ complete: () => (closed = true), error: () => (closed = true) });
    sim.acceptStream(1, server);
    return { client, closed: () => closed };
  };
  return { clock, sim, open };
}

/** The intermediate tag, then a frame header announcing `length` bytes. */
const header = (length: number) => {
  const out = new Uint8Array(8);
  out.set([0xee, 0xee, 0xee, 0xee]);
  new DataView(out.buffer).setUint32(4, length, true);
  return out;
};

describe('simulator connection limits', () => {
  it('closes a connection that never finishes a key exchange after 120 s', () => {
    const { clock, sim, open } = rig();
    const c = open();
    clock.advance(119_999);
    expect(c.closed()).toBe(false);
    clock.advance(1);
    expect(c.closed()).toBe(true);
    expect(sim.connectionLimits?.closed).toMatchObject({ handshake: 1, idle: 0 });
    sim.close();
  });

  it('refuses a frame above 1 MiB before buffering it', () => {
    const { sim, open } = rig();
    const c = open();
    c.client.write(header(1024 * 1024 + 4));
    expect(c.closed()).toBe(true);
    expect(sim.connectionLimits?.buffered).toBe(0);
    sim.close();
  });

  it('bounds the partial frames of all connections together', () => {
    const { sim, open } = rig({ maxBufferedBytes: 1_500_000 });
    const a = open();
    const b = open();
    a.client.write(header(1_000_000));
    a.client.write(new Uint8Array(900_000));
    // The partial frame and its 4-byte length (the tag was consumed).
    expect(sim.connectionLimits?.buffered).toBe(900_004);
    b.client.write(header(1_000_000));
    b.client.write(new Uint8Array(700_000));
    // b would take the total past 1.5 MB: b is closed, a keeps its bytes.
    expect(b.closed()).toBe(true);
    expect(a.closed()).toBe(false);
    expect(sim.connectionLimits).toMatchObject({ buffered: 900_004, closed: { buffered: 1 } });
    a.client.close();
    expect(sim.connectionLimits?.buffered).toBe(0);
    sim.close();
  });

  it('closes a connection idle for 300 s; what it sends restarts the count', () => {
    const { clock, sim, open } = rig({ handshakeTimeoutMs: 86_400_000 });
    const c = open();
    c.client.write(Uint8Array.of(0xee));
    clock.advance(200_000);
    c.client.write(Uint8Array.of(0xee));
    clock.advance(299_999);
    expect(c.closed()).toBe(false);
    clock.advance(1);
    expect(c.closed()).toBe(true);
    expect(sim.connectionLimits?.closed).toMatchObject({ idle: 1, handshake: 0 });
    sim.close();
  });

  it('is off in process unless asked for', () => {
    const sim = createSimulator({ clock: new ManualClock(), random: fixedRandom('limits'), dcCount: 1 });
    expect(sim.connectionLimits).toBeUndefined();
    sim.close();
  });
});
