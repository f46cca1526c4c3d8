/**
 * Shared replay plumbing: the view check every model state makes, writing a file's coverage for
 * the report (coverage-report.ts merges them).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { AuthView } from '../../src/machines/index.js';
import type { CoverageRecorder } from './coverage.js';

/** Where each test file leaves its coverage. */
export const COVERAGE_DIR = join(process.cwd(), 'test-artifacts', 'model-coverage');

/** The engine's view matches the model state: status and the error shown. */
export function expectView(view: AuthView, status: string, error: string | null): void {
  expect({ status: view.status, error: view.error?.type ?? null }).toEqual({ status, error });
}

/** Writes `recorder`'s data as test-artifacts/model-coverage/<name>.json. */
export function writeCoverage(name: string, recorder: CoverageRecorder): void {
  mkdirSync(COVERAGE_DIR, { recursive: true });
  writeFileSync(join(COVERAGE_DIR, `${name}.json`), JSON.stringify(recorder.toJSON(), null, 1));
}
