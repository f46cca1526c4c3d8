/**
 * Scale (issue 11): `n` engines in this process, all started at once, each taking a phone login to
 * `waitCode` and then to `ready`, against a simulator in a SECOND process (bench/scale/sim-process.ts).
 * Counts come from env SCALE_COUNTS (default "1000"; "1000,10000" for both).
 *
 * Rows (times in ms unless the name says otherwise; *KB / *PerS rows hold that value in medianMs):
 *   scale.N.login            per-engine time from start to ready (median, p90)
 *   scale.N.completed        engines that reached ready (count)
 *   scale.N.loginsPerS       completed / wall time from the first start to the last ready
 *   scale.N.heapPerWaitingKB heapUsed after GC with all engines in waitCode, minus before, / N
 *   scale.N.eventLoopDelay   monitorEventLoopDelay while they run (p50 as median, p99 as p90)
 * On stderr also: the time of each phase, connections dialed (more than one per engine means
 * reconnects: timeouts, restarted key exchanges), CPU of both processes, GC pauses and the loop's
 * stalls (bench/scale/loop-watch.ts), the simulator's own loop delay.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { nodeCrypto } from '../src/adapters/crypto/index.js';
import { nodeTcpDial } from '../src/adapters/node/index.js';
import type { Dial } from '../src/transport/index.js';
import { systemClock } from '../src/adapters/clock/index.js';
import { createAuthEngine, memoryStore, type AuthEngine } from '../src/machines/index.js';
import { until } from './peers/tgauth-peer.js';
import type { BenchHarness, BenchRow } from './harness.js';
import { formatLoopWatch, watchLoop } from './scale/loop-watch.js';
import { startSimulatorProcess } from './scale/sim-process-client.js';


/** A forced full GC, with or without --expose-gc. */
function gc(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}



const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function scale(h: BenchHarness, n: number): Promise<BenchRow[]> {
  const sim = await startSimulatorProcess(n);
  const engines: AuthEngine[] = [];
  const tcp = nodeTcpDial();
  let dials = 0;
  const dial: Dial = (dc) => (dials++, tcp(dc));
  try {
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const eld = monitorEventLoopDelay({ resolution: 10 });
    eld.enable();
    const loop = watchLoop();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const started: number[] = [];
    const waiting: Promise<void>[] = [];
    for (let i = 0; i < n; i++) {
      const engine = createAuthEngine({ apiId: 12345, apiHash: '0123456789abcdef0123456789abcdef', dcs: sim.config, dial, clock: systemClock, crypto: nodeCrypto, store: memoryStore(), transport: { pingIntervalMs: 0 } });
      engines.push(engine);
      started.push(performance.now());
      const phone = `999661${String(i).padStart(4, '0')}`;
      waiting.push(until(engine, 'waitPhoneNumber').then(() => {
        engine.send({ type: 'phone.submit', phone });
        return until(engine, 'waitCode');
      }));
    }
    const reachedCode = (await Promise.allSettled(waiting)).filter((r) => r.status === 'fulfilled').length;
    const codeS = (performance.now() - t0) / 1000;
    gc();
    const heapPerWaiting = (process.memoryUsage().heapUsed - heapBefore) / Math.max(1, reachedCode);
    const latencies: number[] = [];
    const done = engines.map((engine, i) =>
      engine.getSnapshot().status !== 'waitCode' ? Promise.reject(new RangeError('not waiting')) : (engine.send({ type: 'code.submit', code: '11111' }), until(engine, 'ready').then(() => void latencies.push(performance.now() - started[i]!))),
    );
    const completed = (await Promise.allSettled(done)).filter((r) => r.status === 'fulfilled').length;
    const wallS = (performance.now() - t0) / 1000;
    eld.disable();
    const watched = loop.stop();
    const cpu = process.cpuUsage(cpu0);
    latencies.sort((a, b) => a - b);
    process.stderr.write(`  scale ${n}: ${reachedCode} reached waitCode, ${completed} ready in ${wallS.toFixed(1)} s; heap/waiting ${(heapPerWaiting / 1000).toFixed(1)} KB; loop delay p50 ${(eld.percentile(50) / 1e6).toFixed(1)} ms p99 ${(eld.percentile(99) / 1e6).toFixed(1)} max ${(eld.max / 1e6).toFixed(1)} ms\n`);
    process.stderr.write(`  scale ${n}: all at waitCode after ${codeS.toFixed(1)} s, all ready ${(wallS - codeS).toFixed(1)} s later; ${dials} connections dialed (${(dials / n).toFixed(2)} per engine; more than 1 = reconnects, restarted exchanges); client CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s\n`);
    process.stderr.write(`  scale ${n}: ${formatLoopWatch(watched)}\n`);
    const value = (x: number) => ({ medianMs: x, p90Ms: x });
    return [
      h.row(`scale.${n}.login`, { medianMs: at(latencies, 0.5), p90Ms: at(latencies, 0.9) }),
      h.row(`scale.${n}.completed`, value(completed)),
      h.row(`scale.${n}.loginsPerS`, value(completed / wallS)),
      h.row(`scale.${n}.heapPerWaitingKB`, value(heapPerWaiting / 1000)),
      h.row(`scale.${n}.eventLoopDelay`, { medianMs: eld.percentile(50) / 1e6, p90Ms: eld.percentile(99) / 1e6 }),
    ];
  } finally {
    for (const e of engines) e.stop();
    const cost = await sim.stop();
    if (cost) process.stderr.write(`  scale ${n} simulator: CPU ${cost.cpuS.toFixed(1)} s, loop delay p99 ${cost.loopDelayP99Ms} ms, max ${cost.loopDelayMaxMs} ms\n`);
  }
}

export default async function run(h: BenchHarness): Promise<BenchRow[]> {
  const counts = (process.env.SCALE_COUNTS ?? '1000').split(',').map(Number).filter((x) => x > 0);
  const rows: BenchRow[] = [];
  for (const n of counts) rows.push(...(await scale(h, n)));
  return rows;
}
