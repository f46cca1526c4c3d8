/**
 * `npm run bench`: runs every bench/*.bench.ts (or only those whose file name contains one of the
 * command-line arguments), prints one table, and merges the rows into bench/results.json (rows of
 * this run replace earlier rows with the same name; other rows are kept).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { harness, type BenchModule, type BenchRow } from './harness.js';

const dir = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

const rows: BenchRow[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: BenchModule };
  process.stderr.write(`running ${file}...\n`);
  const got = await mod.default(harness);
  // A malformed row would only surface when the table is printed, after every module has run.
  const num = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
  const bad = got.find((r) => typeof r.name !== 'string' || !num(r.medianMs) || !num(r.p90Ms) || !(r.ratio === null || num(r.ratio)));
  if (bad) throw new TypeError(`${file} returned a row that is not a BenchRow: ${JSON.stringify(bad)}`);
  rows.push(...got);
}

const fmt = (x: number | null, digits = 3) => (x === null ? '-' : x.toFixed(digits));
const table = [['name', 'median ms', 'p90 ms', 'baseline', 'ratio']].concat(
  rows.map((r) => [r.name, fmt(r.medianMs), fmt(r.p90Ms), r.baseline ?? '-', fmt(r.ratio, 2)]),
);
const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
for (const r of table) console.log(r.map((c, i) => (i === 0 || i === 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));

const resultsPath = join(dir, 'results.json');
const previous: BenchRow[] = existsSync(resultsPath) ? (JSON.parse(readFileSync(resultsPath, 'utf8')) as BenchRow[]) : [];
const names = new Set(rows.map((r) => r.name));
writeFileSync(resultsPath, JSON.stringify([...previous.filter((r) => !names.has(r.name)), ...rows], null, 2) + '\n');
console.log(`\n${rows.length} rows written to bench/results.json`);
