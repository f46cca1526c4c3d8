/**
 * Where the scale bench's event-loop delay comes from (issue 11): garbage collection pauses
 * (PerformanceObserver 'gc'), the stalls themselves (a 10 ms ticker: every gap past 50 ms is a
 * stretch in which no timer could run), and the share of the run the loop spent in them. A stall is
 * usually one turn of socket reads: libuv reads up to 48 x 1024 ready sockets per turn, and with
 * thousands of engines each read runs a handshake step, so one turn can take many seconds of CPU.
 */
import { PerformanceObserver } from 'node:perf_hooks';

/** What `watchLoop().stop()` reports. */
export interface LoopWatch {
  gcCount: number;
  gcTotalMs: number;
  gcMaxMs: number;
  /** Time in stalls over 50 ms, and the run's length (ms). */
  blockedMs: number;
  wallMs: number;
  /** The longest stalls: start (ms from the watch's start) and length. */
  longest: { atMs: number; ms: number }[];
}

const TICK_MS = 10;
const STALL_MS = 50;

/** Starts watching; `stop()` ends it and returns the totals. */
export function watchLoop(): { stop(): LoopWatch } {
  const t0 = performance.now();
  const w: LoopWatch = { gcCount: 0, gcTotalMs: 0, gcMaxMs: 0, blockedMs: 0, wallMs: 0, longest: [] };
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      w.gcCount++;
      w.gcTotalMs += e.duration;
      w.gcMaxMs = Math.max(w.gcMaxMs, e.duration);
    }
  });
  gc.observe({ entryTypes: ['gc'] });
  let last = performance.now();
  const stalls: { atMs: number; ms: number }[] = [];
  const ticker = setInterval(() => {
    const now = performance.now();
    const late = now - last - TICK_MS;
    if (late > STALL_MS) {
      w.blockedMs += late;
      stalls.push({ atMs: now - late - t0, ms: late });
    }
    last = now;
  }, TICK_MS);
  return {
    stop() {
      clearInterval(ticker);
      gc.disconnect();
      w.wallMs = performance.now() - t0;
      w.longest = stalls.sort((a, b) => b.ms - a.ms).slice(0, 3);
      return w;
    },
  };
}

/** One stderr line: GC and stalls. */
export function formatLoopWatch(w: LoopWatch): string {
  const s = (ms: number) => (ms / 1000).toFixed(1);
  const longest = w.longest.map((x) => `${s(x.ms)} s at ${s(x.atMs)} s`).join(', ');
  return (
    `GC ${w.gcCount} pauses, ${s(w.gcTotalMs)} s in all, longest ${w.gcMaxMs.toFixed(0)} ms; ` +
    `loop stalled (> ${STALL_MS} ms) ${s(w.blockedMs)} s of ${s(w.wallMs)} s (${((100 * w.blockedMs) / w.wallMs).toFixed(0)}%), longest ${longest || 'none'}`
  );
}
