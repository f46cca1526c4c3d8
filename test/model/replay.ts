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
  steps: (StepLike & { state?: unknown })[];
}
interface ModelLike<P> {
  getAdjacencyMap(): Record<
    string,
    { state: unknown; transitions: Record<string, { event: unknown; state: unknown }> }
  >;
  getPathsFromEvents(events: never[], options: { fromState: never }): P[];
  getShortestPaths(options?: { serializeState?: (s: unknown) => string }): P[];
}

/**
 * The whole state of an abstract model as a key: its value and its full context (bigints spelled
 * out), so two snapshots share a key only if every transition from them is the same.
 */
export function modelStateKey(snapshot: unknown): string {
  const { value, context } = snapshot as { value: unknown; context: unknown };
  return JSON.stringify({ value, context }, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));
}

/** The shortest event sequence to every state a path passes through, by `modelStateKey`. */
function prefixesOf(paths: readonly PathLike[]): Map<string, { type: string }[]> {
  const into = new Map<string, { type: string }[]>();
  for (const p of paths) {
    const events = p.steps.map((s) => s.event);
    p.steps.forEach((step, i) => {
      const k = modelStateKey(step.state);
      const known = into.get(k);
      if (!known || i < known.length) into.set(k, events.slice(1, i + 1));
    });
  }
  return into;
}

/**
 * Self-loops: events a state accepts without changing the model state (an implausible number, an
 * expired QR link replaced, a command refused). Shortest paths never contain them, since they reach
 * no new state; here each (state, event) becomes the shortest path to exactly that state (value and
 * context, `modelStateKey`) plus that one step, once. Each built path is checked to run through the
 * loop state (a prefix that ends elsewhere throws instead of replaying the loop from the wrong state).
 * The fourth argument is accepted for older callers and not used: the full model state is the key.
 */
export function selfLoopPaths<P extends PathLike>(
  model: ModelLike<P>,
  shortest: P[],
  initial: unknown,
  _key?: (s: unknown) => string,
): P[] {
  // Shortest paths are deduplicated (a path that is a prefix of another is dropped), so a state may
  // only be passed through: every step's state counts. A model traversed under a coarser key than
  // the full state (its adjacency nodes are representatives) may not pass through the exact state a
  // loop starts from; then a breadth-first search over full states finds the way there.
  const prefixTo = prefixesOf(shortest);
  let exact: Map<string, { type: string }[]> | undefined;
  const prefixOf = (k: string) =>
    prefixTo.get(k) ??
    (exact ??= prefixesOf(model.getShortestPaths({ serializeState: modelStateKey }))).get(k);
  // A loop a shortest path already takes (it reached the state first under another adjacency key) is not repeated.
  const done = new Set<string>();
  for (const p of shortest)
    p.steps.forEach((step, i) => {
      const k = modelStateKey(step.state);
      if (i > 0 && modelStateKey(p.steps[i - 1]!.state) === k) done.add(`${k} ${JSON.stringify(step.event)}`);
    });
  const out: P[] = [];
  for (const node of Object.values(model.getAdjacencyMap())) {
    const stateKey = modelStateKey(node.state);
    for (const { event, state } of Object.values(node.transitions)) {
      // The adjacency map lists every event case; only those the state handles are steps a user can take.
      if (modelStateKey(state) !== stateKey || !(node.state as { can(e: unknown): boolean }).can(event))
        continue;
      const loop = `${stateKey} ${JSON.stringify(event)}`;
      if (done.has(loop)) continue; // the same state under another adjacency key (how it was reached)
      done.add(loop);
      const prefix = prefixOf(stateKey);
      if (!prefix) throw new TypeError(`no path reaches ${stateKey}`);
      for (const path of model.getPathsFromEvents([...prefix, event] as never[], {
        fromState: initial as never,
      })) {
        const before = path.steps.at(-2)?.state;
        if (modelStateKey(before) !== stateKey || modelStateKey(path.state) !== stateKey)
          throw new TypeError(`self-loop ${loop} built from a prefix ending in ${modelStateKey(before)}`);
        out.push(path);
      }
    }
  }
  return out;
}
