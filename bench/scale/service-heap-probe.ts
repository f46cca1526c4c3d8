/**
 * Heap probe for the login service (issue 22, "memory per evicted flow"): a worker in this process
 * on an SQLite file, a simulator in its own process (bench/scale/sim-process.ts). A warm-up batch of
 * flows, then N more, each created with a phone (so at waitCode: key exchange and auth.sendCode
 * done) through the worker's HTTP routes (Fastify's inject: no client sockets in this process);
 * after each batch it waits until the worker holds exactly what it should (`stats()`: every flow
 * evicted, or every flow live and idle), forces GC, and reads heapUsed. The measured batch's growth
 * per flow is what a flow costs the worker.
 *
 * Run it with the JIT limited to the interpreter (`--max-opt=0`) for the figure the service bench
 * records: optimised code and its metadata (deopt data, relocation info, dependent-code lists) keep
 * growing for as long as the process keeps running hot code, in old space too, whatever the number
 * of flows held; with the JIT on, a batch of 300 evicted flows moved heapUsed by -2.3 to +1.5 KB per
 * flow from one batch to the next, all of it `code` in the snapshot diff, and with it off by 0.00.
 * Objects have the same layout in every tier, so the per-flow data is measured the same.
 *
 * Usage: node --expose-gc [--max-opt=0] --import tsx bench/scale/service-heap-probe.ts [N=500]
 *   env HEAP_LIVE=1       keep the flows live (no eviction) instead
 *   env HEAP_WARMUP=200   flows in the warm-up batch (default min(N, 200))
 *   env HEAP_SNAPSHOTS=1  heap snapshots after both batches: what grew, by (node type, constructor or
 *                         closure name) with counts per flow, and retained size by constructor
 *   env HEAP_TOP=40       rows of those tables
 *   env HEAP_FLUSH=1      leave V8's bytecode flushing on (off by default: it shrinks the heap between batches)
 *   env HEAP_DIR=path     keep the snapshots (and database) in that directory
 * The last line of output is JSON: { flows, live, kbPerFlow, kbPerFlowWithoutCodeSpace }.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { nodeCrypto } from '../../src/adapters/crypto/index.js';
import { nodeTcpDial, systemClock } from '../../src/adapters/node/index.js';
import { createLoginService } from '../../src/adapters/service/index.js';
import { fullGc } from './full-gc.js';
import { grownTallies, HeapSnapshot, type Tally } from './heap-snapshot.js';
import { startSimulatorProcess } from './sim-process-client.js';

const n = Number(process.argv[2] ?? '500');
const warmup = Number(process.env.HEAP_WARMUP ?? Math.min(n, 200));
const snapshots = process.env.HEAP_SNAPSHOTS === '1';
const live = process.env.HEAP_LIVE === '1';
const top = Number(process.env.HEAP_TOP ?? '40');
if (!(globalThis as { gc?: unknown }).gc) throw new Error('run with node --expose-gc');
// Bytecode of functions not run lately is flushed after a few GCs: a drop unrelated to flows.
if (process.env.HEAP_FLUSH !== '1') setFlagsFromString('--no-flush-bytecode');
const KEY = 'service-heap-probe-operator-key';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));



function printDiff(label: string, a: Map<string, Tally>, b: Map<string, Tally>): void {
  const rows: { key: string; size: number; count: number }[] = [];
  let total = 0;
  for (const [key, v] of b) {
    const w = a.get(key) ?? { size: 0, count: 0 };
    rows.push({ key, size: v.size - w.size, count: v.count - w.count });
    total += v.size - w.size;
  }
  for (const [key, w] of a) if (!b.has(key)) rows.push({ key, size: -w.size, count: -w.count });
  rows.sort((x, y) => Math.abs(y.size) - Math.abs(x.size));
  console.log(`\n${label}: snapshot self-size delta ${(total / n).toFixed(0)} B/flow`);
  console.log('  B/flow  count/flow  type:name');
  for (const r of rows.slice(0, top)) console.log(`  ${(r.size / n).toFixed(1).padStart(7)}  ${(r.count / n).toFixed(2).padStart(10)}  ${r.key}`);
}

const sim = await startSimulatorProcess(Math.min(10_000, warmup + n + 10));
const dir = process.env.HEAP_DIR ?? mkdtempSync(join(tmpdir(), 'service-heap-probe-'));
const files: string[] = [];
let phoneSeq = 0;
const service = await createLoginService({
  database: join(dir, 'flows.sqlite'),
  apiKey: KEY,
  dev: true,
  engine: { apiId: 1, apiHash: '0123456789abcdef0123456789abcdef', dcs: sim.config, dial: nodeTcpDial(), clock: systemClock, crypto: nodeCrypto },
  idleMs: live ? 3_600_000 : 20,
  limits: { flowsPerIpPerMinute: 1_000_000, codesPerPhonePerHour: 1_000_000 },
  log: false,
});
try {
  let created = 0;
  /** Creates `count` flows at waitCode, then waits until the worker holds exactly what it should. */
  const batch = async (count: number): Promise<void> => {
    for (let i = 0; i < count; i += 10) {
      await Promise.all(
        Array.from({ length: Math.min(10, count - i) }, async () => {
          const r = await service.http.inject({
            method: 'POST',
            url: '/v1/flows',
            headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
            payload: JSON.stringify({ phone: `999661${String(phoneSeq++).padStart(4, '0')}` }),
          });
          const body = r.json<{ view?: { status: string } }>();
          if (r.statusCode !== 201 || body.view?.status !== 'waitCode') throw new RangeError(`create: ${r.statusCode} ${JSON.stringify(body)}`);
        }),
      );
    }
    created += count;
    const want = { liveFlows: live ? created : 0, flowLocks: 0, watchedFlows: 0, openStreams: 0 };
    for (let waited = 0; JSON.stringify(service.stats()) !== JSON.stringify(want); waited += 20) {
      if (waited > 30_000) throw new RangeError(`the worker holds ${JSON.stringify(service.stats())}, not ${JSON.stringify(want)}`);
      await sleep(20);
    }
    await sleep(200); // the last releases' and the engines' closing I/O
  };
  await batch(warmup);
  const a = fullGc();
  if (snapshots) files.push(writeHeapSnapshot(join(dir, 'a.heapsnapshot')));
  await batch(n);
  const b = fullGc();
  if (snapshots) files.push(writeHeapSnapshot(join(dir, 'b.heapsnapshot')));
  const kbPerFlow = Math.round(((b.used - a.used) / n / 1000) * 100) / 100;
  const kbPerFlowWithoutCodeSpace = Math.round(((b.data - a.data) / n / 1000) * 100) / 100;
  console.log(`service heap probe: ${warmup} flows to warm up, then ${n} ${live ? 'live' : 'evicted'}: ${kbPerFlow} KB of heap each after GC (${kbPerFlowWithoutCodeSpace} KB without code space)`);
  if (snapshots) {
    const [h0, h1] = files.map((f) => new HeapSnapshot(f)) as [HeapSnapshot, HeapSnapshot];
    printDiff('measured batch', h0.selfByName(), h1.selfByName());
    const rows = grownTallies(h0.retainedByName(), h1.retainedByName(), n / 4);
    console.log('\nretained size by constructor added in the measured batch (nested rows overlap), at least one per 4 flows');
    console.log('  B/flow  count/flow  type:name');
    for (const r of rows.slice(0, top)) console.log(`  ${(r.size / n).toFixed(1).padStart(7)}  ${(r.count / n).toFixed(2).padStart(10)}  ${r.key}`);
  }
  console.log(JSON.stringify({ flows: n, live, kbPerFlow, kbPerFlowWithoutCodeSpace }));
} finally {
  await service.close();
  sim.stop();
  if (!process.env.HEAP_DIR) rmSync(dir, { recursive: true, force: true });
}
