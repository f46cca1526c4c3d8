/**
 * The coverage report of the model suite: merges what each replay file recorded
 * (test-artifacts/model-coverage/*.json), compares it with the catalogue of every real machine,
 * prints a table and writes test-artifacts/model-coverage.json. Uncovered items carry the reason
 * from `unreachable.ts` when one is known.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueOf, mergeCoverage, type CoverageData } from './coverage.js';
import { COVERAGE_DIR } from './replay.js';
import { realMachines } from './real-machines.js';
import { unreachableReason } from './unreachable.js';

export interface MachineReport {
  states: { total: number; covered: number; uncovered: { id: string; reason?: string }[] };
  transitions: { total: number; covered: number; uncovered: { label: string; reason?: string }[] };
}

/** Compares recorded data with the catalogues. */
export function reportOf(data: CoverageData): Record<string, MachineReport> {
  const out: Record<string, MachineReport> = {};
  for (const [id, machine] of Object.entries(realMachines())) {
    const cat = catalogueOf(machine);
    const seen = data[id] ?? { states: [], transitions: [] };
    const states = new Set(seen.states);
    const transitions = new Set(seen.transitions);
    const reason = (key: string) => {
      const why = unreachableReason(key);
      return why === undefined ? {} : { reason: why };
    };
    const us = cat.states.filter((s) => !states.has(s)).map((s) => ({ id: s, ...reason(s) }));
    const ut = cat.transitions.filter((t) => !transitions.has(t)).map((t) => ({ label: t, ...reason(t) }));
    out[id] = {
      states: { total: cat.states.length, covered: cat.states.length - us.length, uncovered: us },
      transitions: {
        total: cat.transitions.length,
        covered: cat.transitions.length - ut.length,
        uncovered: ut,
      },
    };
  }
  return out;
}

const pct = (a: number, b: number): string => `${b === 0 ? 100 : Math.round((1000 * a) / b) / 10}%`;

/**
 * Reads the recorded files, prints the table and the uncovered items, writes the JSON. Returns the
 * number of uncovered items that have no reason (the strict check of `npm test` fails on any).
 */
export function main(): number {
  const files = readdirSync(COVERAGE_DIR).filter((f) => f.endsWith('.json'));
  const data = mergeCoverage(
    files.map((f) => JSON.parse(readFileSync(join(COVERAGE_DIR, f), 'utf8')) as CoverageData),
  );
  const report = reportOf(data);
  const rows = Object.entries(report).map(([id, r]) => ({
    machine: id,
    states: `${r.states.covered}/${r.states.total} (${pct(r.states.covered, r.states.total)})`,
    transitions: `${r.transitions.covered}/${r.transitions.total} (${pct(r.transitions.covered, r.transitions.total)})`,
    'uncovered, no reason':
      r.states.uncovered.filter((u) => !u.reason).length +
      r.transitions.uncovered.filter((u) => !u.reason).length,
  }));
  console.table(rows);
  for (const [id, r] of Object.entries(report)) {
    for (const u of r.states.uncovered)
      console.log(`${id}  state       ${u.id}${u.reason ? `  — ${u.reason}` : ''}`);
    for (const u of r.transitions.uncovered)
      console.log(`${id}  transition  ${u.label}${u.reason ? `  — ${u.reason}` : ''}`);
  }
  const target = join(COVERAGE_DIR, '..', 'model-coverage.json');
  writeFileSync(target, JSON.stringify({ sources: files, report, reached: data }, null, 1));
  console.log(`written ${target}`);
  return Object.values(report).reduce(
    (n, r) =>
      n +
      r.states.uncovered.filter((u) => !u.reason).length +
      r.transitions.uncovered.filter((u) => !u.reason).length,
    0,
  );
}
