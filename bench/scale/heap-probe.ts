/**
 * Heap probe for issue 11: builds N engines against the scale bench's simulator process
 * (bench/scale/sim-process.ts), forces GC, and reports heapUsed per engine at waitPhoneNumber and
 * at waitCode. With HEAP_SNAPSHOTS=1 it also writes a heap snapshot at each phase (in a temp dir)
 * and prints, per engine, what grew most between phases: self size by (node type, constructor or
 * closure name), and retained size by constructor (dominator tree, bench/scale/heap-snapshot.ts).
 * Under tsx every named closure also carries a property dictionary (~250 B, esbuild's keepNames).
 *
 * Usage: node --expose-gc --import tsx bench/scale/heap-probe.ts [N=150]
 *   env HEAP_SNAPSHOTS=1  snapshot diff by constructor (slower: parses the snapshots at the end)
 *   env HEAP_TOP=40       rows of the diff tables
 *   env HEAP_PFS=0        engines without PFS (traffic on the permanent key)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { nodeCrypto } from '../../src/adapters/crypto/index.js';
import { nodeTcpDial } from '../../src/adapters/node/index.js';
import { systemClock } from '../../src/adapters/clock/index.js';
import { createAuthEngine, memoryStore, type AuthEngine } from '../../src/machines/index.js';
import { until } from '../peers/tgauth-peer.js';
import { fullGc } from './full-gc.js';
import { grownTallies, HeapSnapshot, type Tally } from './heap-snapshot.js';
import { startSimulatorProcess } from './sim-process-client.js';

const n = Number(process.argv[2] ?? '150');
const snapshots = process.env.HEAP_SNAPSHOTS === '1';
const top = Number(process.env.HEAP_TOP ?? '40');
const pfs = process.env.HEAP_PFS !== '0';
if (!(globalThis as { gc?: unknown }).gc) throw new Error('run with node --expose-gc');



function printDiff(label: string, a: Map<string, Tally>, b: Map<string, Tally>): void {
  const rows: { key: string; size: number; count: number }[] = [];
  const byType = new Map<string, number>();
  let total = 0;
  for (const [key, v] of b) {
    const w = a.get(key) ?? { size: 0, count: 0 };
    const size = v.size - w.size;
    rows.push({ key, size, count: v.count - w.count });
    const type = key.slice(0, key.indexOf(':'));
    byType.set(type, (byType.get(type) ?? 0) + size);
    total += size;
  }
  rows.sort((x, y) => y.size - x.size);
  console.log(`\n${label}: snapshot self-size delta ${(total / n / 1000).toFixed(1)} KB/engine`);
  console.log('  by node type (KB/engine):', [...byType].sort((x, y) => y[1] - x[1]).filter(([, s]) => Math.abs(s) / n > 100).map(([t, s]) => `${t} ${(s / n / 1000).toFixed(1)}`).join(', '));
  console.log('  KB/engine  count/engine  type:name');
  for (const r of rows.slice(0, top)) console.log(`  ${(r.size / n / 1000).toFixed(2).padStart(9)}  ${(r.count / n).toFixed(1).padStart(12)}  ${r.key}`);
}

/** Retained size per constructor added between `a` and `b` (overlapping: an engine retains its actors). */
function printRetained(a: Map<string, Tally>, b: Map<string, Tally>): void {
  const rows = grownTallies(a, b, n / 2);
  console.log('\nbase -> waitCode: retained size by constructor (nested rows overlap), at least one per 2 engines');
  console.log('  KB/engine  count/engine  KB each  type:name');
  for (const r of rows.slice(0, top)) {
    console.log(`  ${(r.size / n / 1000).toFixed(2).padStart(9)}  ${(r.count / n).toFixed(1).padStart(12)}  ${(r.size / r.count / 1000).toFixed(2).padStart(7)}  ${r.key}`);
  }
}

const sim = await startSimulatorProcess(n);
const dir = snapshots ? mkdtempSync(join(tmpdir(), 'heap-probe-')) : '';
const files: string[] = [];
const snap = (name: string) => void (snapshots && files.push(writeHeapSnapshot(join(dir, `${name}.heapsnapshot`))));
const engines: AuthEngine[] = [];
try {
  // Warm up module-level state (lazy tables, JIT) with one engine taken to waitCode, then stopped.
  const warm = createAuthEngine({ apiId: 12345, apiHash: '0123456789abcdef0123456789abcdef', dcs: sim.config, dial: nodeTcpDial(), clock: systemClock, crypto: nodeCrypto, store: memoryStore(), transport: { pingIntervalMs: 0 }, ...(pfs ? {} : { pfs: false }) });
  await until(warm, 'waitPhoneNumber');
  warm.send({ type: 'phone.submit', phone: '9996610000' });
  await until(warm, 'waitCode');
  warm.stop();
  await new Promise((r) => setTimeout(r, 100));

  const base = fullGc();
  snap('0-base');
  for (let i = 0; i < n; i++) {
    engines.push(createAuthEngine({ apiId: 12345, apiHash: '0123456789abcdef0123456789abcdef', dcs: sim.config, dial: nodeTcpDial(), clock: systemClock, crypto: nodeCrypto, store: memoryStore(), transport: { pingIntervalMs: 0 }, ...(pfs ? {} : { pfs: false }) }));
  }
  await Promise.all(engines.map((e) => until(e, 'waitPhoneNumber')));
  const atPhone = fullGc();
  snap('1-waitPhoneNumber');
  await Promise.all(
    engines.map((e, i) => {
      e.send({ type: 'phone.submit', phone: `999661${String(i).padStart(4, '0')}` });
      return until(e, 'waitCode');
    }),
  );
  await new Promise((r) => setTimeout(r, 200));
  const atCode = fullGc();
  snap('2-waitCode');
  const kb = (x: number) => `${(x / n / 1000).toFixed(1)} KB`;
  console.log(`heap probe: ${n} engines (pfs ${pfs ? 'on' : 'off'}); heapUsed per engine (without code space)`);
  console.log(`  waitPhoneNumber: ${kb(atPhone.used - base.used)} (${kb(atPhone.data - base.data)})`);
  console.log(`  waitCode:        ${kb(atCode.used - base.used)} (${kb(atCode.data - base.data)})`);
  if (snapshots) {
    const [h0, h1, h2] = files.map((f) => new HeapSnapshot(f)) as [HeapSnapshot, HeapSnapshot, HeapSnapshot];
    const [s0, s1, s2] = [h0, h1, h2].map((h) => h.selfByName()) as [Map<string, Tally>, Map<string, Tally>, Map<string, Tally>];
    printDiff('base -> waitPhoneNumber', s0, s1);
    printDiff('waitPhoneNumber -> waitCode', s1, s2);
    printRetained(h0.retainedByName(), h2.retainedByName());
  }
} finally {
  for (const e of engines) e.stop();
  sim.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
