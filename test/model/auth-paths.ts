/**
 * Transition coverage of an abstract model: shortest paths reach every model state once, but a
 * state reached by several transitions (each flow child crashing lands on the same phone screen
 * with the same error) keeps only one of them. `transitionPaths` adds, for every model transition
 * the shortest paths do not take, the shortest way to a state it leaves from plus that one step.
 */
import type { AnyStateMachine } from 'xstate';
import { catalogueOf, transitionLabel } from './coverage.js';

interface Snapshot {
  value: unknown;
  context: unknown;
  can(event: unknown): boolean;
}
interface Step {
  event: { type: string };
  state: unknown;
}
interface PathLike {
  steps: Step[];
}
interface ModelLike<P> {
  getAdjacencyMap(): Record<string, { state: unknown; transitions: Record<string, { event: unknown }> }>;
  getPathsFromEvents(events: never[], options: { fromState: never }): P[];
}

const keyOf = (s: unknown): string => {
  const { value, context } = s as Snapshot;
  return JSON.stringify({ value, context });
};

/** Labels (coverage.ts) of the model transitions `event` takes from `snapshot`. */
function taken(machine: AnyStateMachine, snapshot: unknown, event: unknown): string[] {
  return machine.getTransitionData(snapshot as never, event as never).map((t) => transitionLabel(t as never));
}

/**
 * Paths that, with `shortest`, take every transition of `machine` (the model) at least once.
 * `covered` receives the labels the whole set takes, so a test can check nothing was left out.
 */
export function transitionPaths<P extends PathLike>(
  machine: AnyStateMachine,
  model: ModelLike<P>,
  shortest: P[],
  initial: unknown,
  covered: Set<string>,
): P[] {
  const prefixTo = new Map<string, { type: string }[]>();
  for (const p of shortest) {
    const events = p.steps.map((s) => s.event);
    p.steps.forEach((step, i) => {
      const known = prefixTo.get(keyOf(step.state));
      if (!known || i < known.length) prefixTo.set(keyOf(step.state), events.slice(1, i + 1));
      if (i > 0) taken(machine, p.steps[i - 1]!.state, step.event).forEach((l) => covered.add(l));
    });
  }
  const best = new Map<string, unknown[]>();
  for (const node of Object.values(model.getAdjacencyMap())) {
    for (const { event } of Object.values(node.transitions)) {
      // The adjacency map lists every event case; only those the state handles are steps.
      if (!(node.state as Snapshot).can(event)) continue;
      const labels = taken(machine, node.state, event);
      if (labels.every((l) => covered.has(l))) continue;
      const prefix = prefixTo.get(keyOf(node.state));
      if (!prefix) throw new TypeError(`no shortest path reaches ${keyOf(node.state)}`);
      const key = labels.join(' + ');
      const known = best.get(key);
      if (!known || prefix.length + 1 < known.length) best.set(key, [...prefix, event]);
    }
  }
  for (const key of best.keys()) key.split(' + ').forEach((l) => covered.add(l));
  return [...best.values()].flatMap((events) =>
    model.getPathsFromEvents(events as never[], { fromState: initial as never }),
  );
}

/** The model's transitions no path takes (empty when the path set is complete). */
export function untakenModelTransitions(machine: AnyStateMachine, covered: ReadonlySet<string>): string[] {
  return catalogueOf(machine).transitions.filter((t) => !covered.has(t));
}
