/**
 * The login service (issue 22): `tgauth serve` workers on PostgreSQL (1, 2 and 3 processes on one
 * throwaway cluster) and one process on an SQLite file, against a simulator in its own process
 * (bench/scale/sim-process.ts: accounts 999661YYYY on DC 1, code 11111). A client runs
 * SERVICE_LOGINS phone+code logins (default 60), SERVICE_CONCURRENCY at a time (default 12), each
 * request to a random worker: create the flow, `phone.submit`, `code.submit`.
 *
 * Rows (times in ms; *PerS and *KB rows hold that value, KB = 1000 bytes, in median and p90):
 *   service.<db>.<n>w.loginsPerS      logins that reached ready / wall time
 *   service.<db>.<n>w.<step>          latency of each request (p50 as median, p99 as p90):
 *                                     create (POST /v1/flows), phone.submit, code.submit
 *   service.heapPerEvictedFlowKB      heapUsed after GC of a worker, per flow, after SERVICE_HEAP_FLOWS flows (default
 *                                     2000) were created at waitCode and evicted (in the database only), measured
 *                                     after a warm-up batch of 200; the worker must show every flow gone (stats())
 *   service.heapPerLiveFlowKB         the same with SERVICE_HEAP_LIVE_FLOWS flows (default 500) kept live in
 *                                     memory (engine, connection)
 * The memory rows come from bench/scale/service-heap-probe.ts in a child process (a worker on SQLite,
 * driven through its routes in-process, its simulator in another process) run with the JIT limited to
 * the interpreter: optimised code and its metadata grow with how long hot code runs, not with the
 * flows held (see that file). SERVICE_PARTS=heap runs only those two rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { SimulatorHostConfig } from '../src/adapters/node/index.js';
import { postgresUnavailable, startPostgres } from '../test/helpers/postgres-cluster.js';
import { FLEET_KEY, startFleet, type WorkerSlot } from '../test/integration/service-fleet.js';
import type { BenchHarness, BenchRow } from './harness.js';
import { startSimulatorProcess } from './scale/sim-process-client.js';

const LOGINS = Number(process.env['SERVICE_LOGINS'] ?? 60);
const CONCURRENCY = Number(process.env['SERVICE_CONCURRENCY'] ?? 12);
const HEAP_FLOWS = Number(process.env['SERVICE_HEAP_FLOWS'] ?? 2000);
const HEAP_LIVE_FLOWS = Number(process.env['SERVICE_HEAP_LIVE_FLOWS'] ?? 500);
const CODE = '11111';
let phoneSeq = 0;
const nextPhone = (): string => `999661${String(phoneSeq++).padStart(4, '0')}`;
const at = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;


type Json = Record<string, unknown>;
async function post(url: string, path: string, auth: string, body: unknown): Promise<Json> {
  const r = await fetch(url + path, { method: 'POST', headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await r.json()) as Json;
  if (r.status >= 300) throw new TypeError(`POST ${path}: ${r.status} ${JSON.stringify(json)}`);
  return json;
}

/** SERVICE_LOGINS logins through `urls` (a random worker per request); latencies per step and logins per second. */
async function drive(urls: string[], label: string): Promise<BenchRow[]> {
  const pick = (): string => urls[Math.floor(Math.random() * urls.length)]!;
  const steps = new Map<string, number[]>([['create', []], ['phone.submit', []], ['code.submit', []]]);
  const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const result = await work();
    steps.get(step)!.push(performance.now() - t);
    return result;
  };
  let next = 0;
  let ready = 0;
  const failed: string[] = [];
  const one = async (i: number): Promise<void> => {
    const created = await timed('create', () => post(pick(), '/v1/flows', FLEET_KEY, {}));
    const { flowId, token } = created as { flowId: string; token: string };
    const path = `/v1/flows/${flowId}/commands`;
    const sent = await timed('phone.submit', () => post(pick(), path, token, { id: `bench-${i}-phone`, command: { type: 'phone.submit', phone: nextPhone() } }));
    if ((sent['view'] as { status: string }).status !== 'waitCode') return void failed.push(JSON.stringify(sent));
    const done = await timed('code.submit', () => post(pick(), path, token, { id: `bench-${i}-code`, command: { type: 'code.submit', code: CODE } }));
    if ((done['view'] as { status: string }).status === 'ready') ready++;
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < LOGINS) await one(next++);
  }));
  const wallS = (performance.now() - started) / 1000;
  const rows: BenchRow[] = [{ name: `service.${label}.loginsPerS`, medianMs: Math.round((ready / wallS) * 100) / 100, p90Ms: Math.round((ready / wallS) * 100) / 100, baseline: null, ratio: null }];
  for (const [step, times] of steps) {
    times.sort((a, b) => a - b);
    rows.push({ name: `service.${label}.${step}`, medianMs: Math.round(at(times, 0.5) * 10) / 10, p90Ms: Math.round(at(times, 0.99) * 10) / 10, baseline: null, ratio: null });
  }
  process.stderr.write(`  ${label}: ${ready}/${LOGINS} ready in ${wallS.toFixed(1)} s${failed.length ? `; not at waitCode after phone.submit: ${failed.slice(0, 3).join(' ')}` : ''}\n`);
  return rows;
}

async function fleet(database: string, workers: number, sim: SimulatorHostConfig, dir: string, label: string): Promise<BenchRow[]> {
  // The default 10 s lease: a worker slowed by a busy machine keeps its flows (no takeovers measured).
  const slots: WorkerSlot[] = await startFleet(workers, database, sim, dir, 10_000);
  try {
    return await drive(slots.map((s) => s.url), label);
  } finally {
    await Promise.all(slots.map((s) => s.stop()));
  }
}

/** heapUsed after GC of a worker holding flows at waitCode, evicted or live, per flow (bench/scale/service-heap-probe.ts). */
async function heapPerFlow(live: boolean): Promise<number> {
  const flows = live ? HEAP_LIVE_FLOWS : HEAP_FLOWS;
  const probe = join(import.meta.dirname, 'scale', 'service-heap-probe.ts');
  const child = spawn(process.execPath, ['--expose-gc', '--max-opt=0', '--import', 'tsx', probe, String(flows)], {
    env: { ...process.env, HEAP_LIVE: live ? '1' : '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let last = '';
  for await (const line of createInterface({ input: child.stdout })) if (line.trim()) last = line;
  const code = await new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));
  if (code !== 0) throw new RangeError(`the heap probe exited with ${code}`);
  const { kbPerFlow } = JSON.parse(last) as { kbPerFlow: number };
  process.stderr.write(`  ${flows} flows ${live ? 'live' : 'evicted'}: ${kbPerFlow.toFixed(2)} KB of heap each\n`);
  return kbPerFlow;
}

export default async function serviceBench(_h: BenchHarness): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tgauth-bench-service-'));
  const sim = await startSimulatorProcess(Math.min(10_000, 5 * LOGINS + 20));
  const rows: BenchRow[] = [];
  try {
    const skip = process.env['SERVICE_PARTS'] === 'heap' ? 'SERVICE_PARTS=heap' : postgresUnavailable();
    if (skip) process.stderr.write(`  PostgreSQL rows skipped: ${skip}\n`);
    else {
      const cluster = await startPostgres();
      try {
        for (const n of [1, 2, 3]) rows.push(...(await fleet(cluster.url, n, sim.config, dir, `pg.${n}w`)));
      } finally {
        cluster.stop();
      }
    }
    if (process.env['SERVICE_PARTS'] !== 'heap') rows.push(...(await fleet(join(dir, 'flows.sqlite'), 1, sim.config, dir, 'sqlite.1p')));
    for (const live of [false, true]) {
      const kb = await heapPerFlow(live);
      rows.push({ name: live ? 'service.heapPerLiveFlowKB' : 'service.heapPerEvictedFlowKB', medianMs: kb, p90Ms: kb, baseline: null, ratio: null });
    }
  } finally {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
