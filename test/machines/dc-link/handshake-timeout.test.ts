/**
 * The handshake timeout of a DC link (dc-key/silence-timer.ts, dc-link/dc-link.ts) against the simulator over an
 * in-memory wire whose answers the test delays or drops, on a manual clock. A timeout must mean "the
 * server stopped answering": not "the exchange took long" (each step counts on its own), not "our
 * event loop was busy" (what already arrived is read first), and a server slower than the timeout
 * must not see the same exchange thrown away and restarted forever (the timeout backs off).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Observable } from 'rxjs';
import type { Duplex } from '../../../src/transport/index.js';
import { nodeCrypto } from '../../../src/adapters/crypto/index.js';
import type { CryptoProvider, PendingPow } from '../../../src/crypto/index.js';
import { ManualClock } from '../../helpers/manual-clock.js';
import { closeSimTransports, simTransport } from './sim-transport.js';

const TIMEOUT_MS = 20_000;
const BACKOFF_MS = 1_000;
const isPlain = (p: Uint8Array): boolean => p.length >= 8 && p.subarray(0, 8).every((b) => b === 0);
const settle = () => new Promise<void>((r) => setImmediate(r));

/** What the wire does to traffic (changeable between steps). */
interface Wire {
  /** Key-exchange requests are dropped. */
  silent: boolean;
  /** Every answer arrives this long after the server sent it. */
  delayMs: number;
  /**
   * The delayed answer is queued after the client's own timer of the same instant, as a socket read
   * waits behind the timers that a busy event loop runs first when it gets free.
   */
  behindTimers: boolean;
}

afterEach(closeSimTransports);

/** node:crypto whose started powers record their fate: started, used or cancelled. */
function trackedPowers(): { fates: string[]; crypto: CryptoProvider } {
  const fates: string[] = [];
  const crypto: CryptoProvider = {
    ...nodeCrypto,
    startModPow(base, exp, mod): PendingPow {
      const at = fates.push('started') - 1;
      return { result: () => ((fates[at] = 'used'), nodeCrypto.modPow(base, exp, mod)), cancel: () => void (fates[at] = 'cancelled') };
    },
  };
  return { fates, crypto };
}

function rig(pfs: boolean, crypto?: CryptoProvider) {
  const clock = new ManualClock();
  const wire: Wire = { silent: false, delayMs: 0, behindTimers: false };
  const dialTimes: number[] = [];
  const wrap = (inner: Duplex): Duplex => {
    dialTimes.push(clock.now());
    const frames$ = new Observable<Uint8Array>((subscriber) =>
      inner.frames$.subscribe({
        next(payload) {
          const deliver = () => subscriber.next(payload);
          if (wire.delayMs === 0) return deliver();
          if (!wire.behindTimers) return void clock.setTimeout(deliver, wire.delayMs);
          // Due at the same instant, but set after the client armed its timer for this request.
          clock.setTimeout(() => clock.setTimeout(deliver, wire.delayMs), 0);
        },
        error: (e: unknown) => subscriber.error(e),
        complete: () => subscriber.complete(),
      }),
    );
    return {
      frames$,
      send: (payload) => {
        if (!(wire.silent && isPlain(payload))) inner.send(payload);
      },
      close: () => inner.close(),
    };
  };
  const { sim, rpc } = simTransport({
    name: 'hs-timeout',
    pfs,
    clock,
    wrap,
    handshakeTimeoutMs: TIMEOUT_MS,
    // These exchanges take minutes on purpose: what is measured is the handshake timeout, not the
    // call's own deadline (call-deadline.ts, tested in test/integration/liveness-hangs.test.ts).
    callTimeoutMs: 0,
    backoff: { initialMs: BACKOFF_MS, maxMs: BACKOFF_MS },
    ...(crypto ? { crypto } : {}),
  });
  const answers: string[] = [];
  const call = () => rpc.invoke(1, { _: 'help.getNearestDc' }).subscribe({ next: (r) => answers.push(r._), error: (e: unknown) => answers.push(String(e)) });
  /** Moves the clock in 500 ms steps, letting promises settle in between (the bind is one). */
  const advance = async (ms: number) => {
    for (let t = 0; t < ms; t += 500) {
      clock.advance(Math.min(500, ms - t));
      await settle();
    }
  };
  const start = clock.now();
  /** Advances to `ms` after the rig was made. */
  const advanceTo = (ms: number) => advance(start + ms - clock.now());
  return { sim, rpc, wire, call, answers, advance, advanceTo, dialTimes, dials: () => dialTimes.length };
}

describe('handshake timeout of a DC link', () => {
  it('keeps an exchange whose server answers every step, however long the whole exchange takes', async () => {
    const r = rig(false);
    r.wire.delayMs = 15_000; // three steps and the call: 60 s in all, each answered within the 20 s timeout
    r.call();
    await r.advance(65_000);
    expect(r.answers).toEqual(['nearestDc']);
    expect(r.dials()).toBe(1);
  });

  it('reads an answer that fell due with the timeout before failing the step (PFS: exchanges and bind)', async () => {
    const r = rig(true);
    r.wire.delayMs = TIMEOUT_MS;
    r.wire.behindTimers = true;
    r.call();
    // Permanent and temp exchange (three steps each), the bind, then the call: every answer lands
    // in the very instant its request times out, queued behind the timer.
    await r.advance(9 * TIMEOUT_MS);
    expect(r.answers).toEqual(['nearestDc']);
    expect(r.dials()).toBe(1);
    expect(r.rpc.keyActor(1)!.getSnapshot().context.binds).toBe(1);
  });

  it('doubles the timeout for each exchange in a row the server left unanswered, up to 8x, and resets it on a key', async () => {
    const r = rig(false);
    r.wire.silent = true;
    r.call();
    await r.advanceTo(470_000);
    // Each dial is the last one's timeout plus the 1 s backoff after it: 20 s, 40, 80, 160, 160.
    const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps(r.dialTimes)).toEqual([21_000, 41_000, 81_000, 161_000, 161_000]);
    // The call learned why after the third silent exchange (issue 21: never wait for good); the
    // exchanges went on with backoff underneath.
    expect(r.answers).toEqual(['DcUnavailableError: DC 1 stopped answering']);
    // The wire heals: the sixth exchange still waits out its 160 s, the seventh makes the key, and
    // a new call (the user's retry) is answered.
    r.wire.silent = false;
    await r.advanceTo(640_000);
    expect(r.dialTimes).toHaveLength(7);
    r.call();
    await r.advance(1_000);
    expect(r.answers).toEqual(['DcUnavailableError: DC 1 stopped answering', 'nearestDc']);
    // The server forgets the key; the next exchanges (silent again) time out after 20 s, not 160.
    for (const k of r.sim.state.keys.list(1)) r.sim.state.keys.remove(k.id);
    r.wire.silent = true;
    r.call(); // -404: a new key on the next connection
    await r.advance(70_000);
    expect(gaps(r.dialTimes.slice(7))).toEqual([21_000, 41_000]);
  });

  it('an exchange that timed out cancels the powers it started (a worker skips them)', async () => {
    const { fates, crypto } = trackedPowers();
    const r = rig(false, crypto);
    r.wire.silent = true;
    r.call();
    await r.advanceTo(TIMEOUT_MS - 500);
    expect(fates).toEqual(['started']); // g^b, from req_pq_multi on
    await r.advanceTo(TIMEOUT_MS + 500);
    expect(fates).toEqual(['cancelled']);
    expect(r.dials()).toBe(1);
  });

  it('a transport closed mid-exchange (its engine stopped) cancels the powers the exchange started', async () => {
    const { fates, crypto } = trackedPowers();
    const r = rig(false, crypto);
    r.wire.silent = true;
    r.call();
    await r.advanceTo(1_000);
    expect(fates).toEqual(['started']); // g^b, waiting for a resPQ that will not come
    r.rpc.close();
    await settle();
    expect(fates).toEqual(['cancelled']);
  });
});
