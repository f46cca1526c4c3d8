/**
 * State and transition coverage of the real machines, recorded through the engine's XState
 * inspection API: every `@xstate.microstep` names the transitions it took (`_transitions`) and the
 * state nodes it ended in, for every actor of the system (root, flow children, per-DC key actors).
 * The catalogue of what could be reached comes from walking each machine's definition
 * (`machine.root`, `.states`, `.transitions`, `.always`), so "covered" is measured against the real
 * machines, not against the models.
 */
import type { AnyStateMachine, InspectionEvent } from 'xstate';

/** The structural pieces of a state node this file reads (XState's StateNode, minimally typed). */
interface NodeLike {
  id: string;
  states: Record<string, NodeLike>;
  transitions: Map<string, TransitionLike[]>;
  always?: TransitionLike[] | undefined;
}

interface TransitionLike {
  source: NodeLike;
  eventType: string;
  target?: readonly NodeLike[] | undefined;
  guard?: unknown;
  reenter?: boolean;
}

/** What one machine offers: state node ids and transition labels. */
export interface MachineCatalogue {
  states: string[];
  transitions: string[];
}

/** What the replayed paths reached, per machine id. */
export type CoverageData = Record<string, { states: string[]; transitions: string[] }>;

function guardName(guard: unknown): string {
  if (guard === undefined) return '';
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') return guard.name && guard.name !== 'guard' ? guard.name : 'inline';
  if (typeof guard === 'object' && guard !== null && 'type' in guard) {
    const g = guard as { type: string; params?: unknown };
    return g.params === undefined ? g.type : `${g.type}(${JSON.stringify(g.params)})`;
  }
  return 'inline';
}

/**
 * A stable label of one transition: source, event, its index among the alternatives for that event
 * (guarded branches are distinct transitions), guard and targets.
 */
export function transitionLabel(t: TransitionLike): string {
  const alternatives =
    t.eventType === '' ? (t.source.always ?? []) : (t.source.transitions.get(t.eventType) ?? []);
  const index = alternatives.indexOf(t);
  const guard = guardName(t.guard);
  const targets = t.target?.map((n) => n.id).join(',') ?? '(no target)';
  const event = t.eventType === '' ? 'always' : t.eventType;
  return `${t.source.id} --${event}#${index}${guard ? ` [${guard}]` : ''}--> ${targets}`;
}

/** Every state node and transition of `machine`, by walking its definition. */
export function catalogueOf(machine: AnyStateMachine): MachineCatalogue {
  const states: string[] = [];
  const transitions: string[] = [];
  const walk = (node: NodeLike): void => {
    states.push(node.id);
    for (const list of node.transitions.values()) for (const t of list) transitions.push(transitionLabel(t));
    for (const t of node.always ?? []) transitions.push(transitionLabel(t));
    for (const child of Object.values(node.states)) walk(child);
  };
  walk(machine.root as unknown as NodeLike);
  return { states, transitions };
}

/** Collects reached states and transitions from inspection events. */
export class CoverageRecorder {
  private readonly data = new Map<string, { states: Set<string>; transitions: Set<string> }>();

  /** Pass this as the engine's `inspect` option. */
  readonly inspect = (event: InspectionEvent): void => {
    // A flow the browser build loads on demand runs behind a lazy logic (flow-kit/lazy-logic.ts)
    // with no `root` of its own: its snapshots still name the real machine.
    const logic = (event.actorRef as { logic?: { root?: NodeLike; id?: string } }).logic;
    const snapshot = (event as { snapshot?: { machine?: { root?: NodeLike } } }).snapshot;
    const root = logic?.root ?? snapshot?.machine?.root;
    if (!root) return; // promise and observable actors have no states
    const entry = this.entry(root.id);
    if (event.type === '@xstate.microstep') {
      const taken = (event as { _transitions?: TransitionLike[] })._transitions ?? [];
      for (const t of taken) {
        entry.transitions.add(transitionLabel(t));
        // A transition taken from a state proves it was active. A transient initial state (eventless
        // transitions only) is in no snapshot: XState resolves it inside the initial macrostep.
        entry.states.add(t.source.id);
      }
    }
    if (event.type === '@xstate.microstep' || event.type === '@xstate.snapshot') {
      const nodes = (event.snapshot as { _nodes?: NodeLike[] })._nodes ?? [];
      for (const n of nodes) entry.states.add(n.id);
    }
  };

  private entry(machineId: string) {
    let e = this.data.get(machineId);
    if (!e) this.data.set(machineId, (e = { states: new Set(), transitions: new Set() }));
    return e;
  }

  /** The data so far, as plain JSON. */
  toJSON(): CoverageData {
    const out: CoverageData = {};
    for (const [id, e] of this.data)
      out[id] = { states: [...e.states].sort(), transitions: [...e.transitions].sort() };
    return out;
  }
}

/** Merges the data of several recorders (one per test file). */
export function mergeCoverage(parts: readonly CoverageData[]): CoverageData {
  const merged = new Map<string, { states: Set<string>; transitions: Set<string> }>();
  for (const part of parts) {
    for (const [id, e] of Object.entries(part)) {
      const m = merged.get(id) ?? { states: new Set<string>(), transitions: new Set<string>() };
      e.states.forEach((s) => m.states.add(s));
      e.transitions.forEach((t) => m.transitions.add(t));
      merged.set(id, m);
    }
  }
  const out: CoverageData = {};
  for (const [id, e] of merged)
    out[id] = { states: [...e.states].sort(), transitions: [...e.transitions].sort() };
  return out;
}
