/** Heap reading for the heap probes (run under `node --expose-gc`). */
import { getHeapSpaceStatistics } from 'node:v8';

const gc = (globalThis as { gc?: () => void }).gc;

/** heapUsed after a full GC, and the same without code space (JIT output: noise that does not grow per engine or flow). */
export function fullGc(): { used: number; data: number } {
  if (!gc) throw new Error('run with node --expose-gc');
  for (let i = 0; i < 4; i++) gc();
  const used = process.memoryUsage().heapUsed;
  const code = getHeapSpaceStatistics().find((s) => s.space_name === 'code_space')?.space_used_size ?? 0;
  return { used, data: used - code };
}
