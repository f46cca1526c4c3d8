/**
 * The benchmark harness every `bench/*.bench.ts` module uses: timing with warm-up, median and p90,
 * and rows that carry a ratio to a baseline measured in the same run (bench/README.md).
 */

/** Timing of one benchmark. */
export interface Measurement {
  medianMs: number;
  p90Ms: number;
}

/** One line of the table and of bench/results.json. `ratio` = medianMs / baseline's medianMs. */
export interface BenchRow {
  name: string;
  medianMs: number;
  p90Ms: number;
  /** Name of the row this one is compared with (measured in the same run), or null. */
  baseline: string | null;
  ratio: number | null;
}

/** How long to measure: at least `iterations` runs and at least `minTimeMs` (defaults 10 and 200). */
export interface MeasureOptions {
  iterations?: number;
  minTimeMs?: number;
  /** Untimed runs first (JIT warm-up); default 2. */
  warmup?: number;
}

/** Times `fn` (sync or async) and returns its median and 90th percentile in milliseconds. */
export async function measure(name: string, fn: () => unknown, options: MeasureOptions = {}): Promise<Measurement> {
  const { iterations = 10, minTimeMs = 200, warmup = 2 } = options;
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < iterations || performance.now() - start < minTimeMs) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
    if (times.length >= 10_000) break;
  }
  if (times.length === 0) throw new RangeError(`bench ${name}: no samples`);
  return summarize(times);
}

/**
 * Times several functions in alternation (one run of each per round), so that a baseline and its
 * candidates see the same machine load; use it for every ratio on a shared machine.
 */
export async function measureInterleaved(fns: (() => unknown)[], options: MeasureOptions = {}): Promise<Measurement[]> {
  const { iterations = 10, minTimeMs = 200, warmup = 2 } = options;
  for (let i = 0; i < warmup; i++) for (const fn of fns) await fn();
  const times: number[][] = fns.map(() => []);
  const start = performance.now();
  while (times[0]!.length < iterations || performance.now() - start < minTimeMs) {
    for (let k = 0; k < fns.length; k++) {
      const t = performance.now();
      await fns[k]!();
      times[k]!.push(performance.now() - t);
    }
    if (times[0]!.length >= 10_000) break;
  }
  return times.map(summarize);
}

function summarize(times: number[]): Measurement {
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { medianMs: at(0.5), p90Ms: at(0.9) };
}

/** Builds a row; with `baseline`, the ratio of the medians. */
export function row(name: string, m: Measurement, baseline?: { name: string } & Measurement): BenchRow {
  return {
    name,
    medianMs: round(m.medianMs),
    p90Ms: round(m.p90Ms),
    baseline: baseline?.name ?? null,
    ratio: baseline ? round(m.medianMs / baseline.medianMs) : null,
  };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** What a bench module receives. */
export interface BenchHarness {
  measure: typeof measure;
  measureInterleaved: typeof measureInterleaved;
  row: typeof row;
}

/** The harness instance passed to every bench module. */
export const harness: BenchHarness = { measure, measureInterleaved, row };

/** The shape of a bench module's default export. */
export type BenchModule = (h: BenchHarness) => Promise<BenchRow[]>;
