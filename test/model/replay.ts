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

interface StepLike {
  event: { type: string };
}
interface PathLike {
  state: unknown;
  steps: StepLike[];
}
interface ModelLike<P> {
  getAdjacencyMap(): Record<
    string,
    { state: unknown; transitions: Record<string, { event: unknown; state: unknown }> }
  >;
  getPathsFromEvents(events: never[], options: { fromState: never }): P[];
}

/**
 * Self-loops: events a state accepts without changing the model state (an implausible number, an
 * expired QR link replaced, a command refused). Shortest paths never contain them, since they reach
 * no new state; here each becomes the shortest path to its state plus that one step.
 */
export function selfLoopPaths<P extends PathLike>(
  model: ModelLike<P>,
  shortest: P[],
  initial: unknown,
  key: (s: unknown) => string,
): P[] {
  const pathTo = new Map(shortest.map((p) => [key(p.state), p]));
  const out: P[] = [];
  for (const node of Object.values(model.getAdjacencyMap())) {
    const stateKey = key(node.state);
    for (const { event, state } of Object.values(node.transitions)) {
      // The adjacency map lists every event case; only those the state handles are steps a user can take.
      if (key(state) !== stateKey || !(node.state as { can(e: unknown): boolean }).can(event)) continue;
      const to = pathTo.get(stateKey);
      if (!to) continue; // no shortest path keyed the same way: skip rather than replay from the wrong state
      const prefix = to.steps.map((s) => s.event).filter((e) => e.type !== 'xstate.init');
      out.push(...model.getPathsFromEvents([...prefix, event] as never[], { fromState: initial as never }));
    }
  }
  return out;
}
