/**
 * `tsx test/model/print-coverage.ts [--strict]`: prints the model suite's coverage table (after the
 * replay tests ran). With --strict (as `npm test` runs it) it exits 1 when a state or transition of a
 * real machine is neither reached nor explained in reasons/*.ts, or when no replay file ran at all.
 */
import { existsSync, readdirSync } from 'node:fs';
import { main } from './coverage-report.js';
import { COVERAGE_DIR } from './replay.js';

const strict = process.argv.includes('--strict');
if (!existsSync(COVERAGE_DIR) || readdirSync(COVERAGE_DIR).length === 0) {
  console.error(`no model coverage in ${COVERAGE_DIR}: run the model replays first (vitest run test/model)`);
  process.exit(strict ? 1 : 0);
}
const unexplained = main();
if (strict && unexplained > 0) {
  console.error(
    `${unexplained} states/transitions are neither covered by a replayed path nor explained in test/model/reasons/`,
  );
  process.exit(1);
}
