/**
 * Which paths of the key-lifecycle model are replayed. The model's full state space (every
 * combination of connections, waiters, wire faults and server knowledge) has over a thousand
 * states with PFS; replaying a shortest path to each would take far too long for `npm test`. So:
 *
 * - shortest paths to each model state under a coarser key (`coarseKey`: the key machine's state,
 *   whether a permanent key is held, the wire, and whether a rotation's connection exists);
 * - plus, for every transition of the REAL key machine that the model predicts some step takes
 *   (dc-key.world.ts labels them as the coverage report does) and those paths miss, the shortest
 *   path to a step that takes it (found by a breadth-first search over the full state space).
 *
 * MODEL_SIMPLE=1 adds a shortest path to every state of the full state space. (Simple paths proper
 * are out of reach: xstate/graph's getSimplePaths does not finish within ten minutes even on the
 * 30-state graph without PFS, every state being connected to most others by drops and calls.)
 */
import { initialWorld, predict, type KeyState, type KeyWorld, type StepEvent } from './dc-key.world.js';
import { dcKeyEventCases, modelStateOf, type DcKeyModelInput } from './dc-key.model.js';

/** The coarse key of a model snapshot (see above). */
export function coarseKey(snapshot: { value: unknown; context: KeyWorld }): string {
  const w = snapshot.context;
  const state =
    typeof snapshot.value === 'string' && snapshot.value.includes('.')
      ? snapshot.value
      : modelStateOf(snapshot.value);
  return JSON.stringify([state, w.perm, w.plain, w.hold, w.held, w.next !== 'none']);
}

interface Node {
  state: KeyState;
  world: KeyWorld;
  parent?: Node;
  via?: StepEvent;
  depth: number;
}

const keyOf = (state: KeyState, world: KeyWorld): string => JSON.stringify([state, world]);

function eventsTo(node: Node): StepEvent[] {
  const out: StepEvent[] = [];
  for (let n: Node | undefined = node; n?.via; n = n.parent) out.unshift(n.via);
  return out;
}

interface Explored {
  states: Node[];
  /** Per real transition, the shortest event sequence found that takes it. */
  byTransition: Map<string, StepEvent[]>;
  /** Per coarse state and event, the shortest sequence ending in that event leaving the full state unchanged. */
  selfLoops: Map<string, StepEvent[]>;
}

const explored = new Map<string, Explored>();

/** Breadth-first over the full state space (memoised per configuration). */
export function explore(input: DcKeyModelInput): Explored {
  const memo = explored.get(JSON.stringify(input));
  if (memo) return memo;
  const start: Node = { state: 'disconnected', world: initialWorld(input.pfs, input.stored), depth: 0 };
  const seen = new Map([[keyOf(start.state, start.world), start]]);
  const out: Explored = { states: [], byTransition: new Map(), selfLoops: new Map() };
  const queue = [start];
  for (let node = queue.shift(); node; node = queue.shift()) {
    const here = keyOf(node.state, node.world);
    for (const event of dcKeyEventCases) {
      const next = predict(node.state, node.world, event);
      if (!next) continue;
      for (const label of next.transitions)
        if (!out.byTransition.has(label)) out.byTransition.set(label, [...eventsTo(node), event]);
      const key = keyOf(next.state, next.world);
      if (key === here) {
        const loop = JSON.stringify([coarseKey({ value: node.state, context: node.world }), event]);
        if (!out.selfLoops.has(loop)) out.selfLoops.set(loop, [...eventsTo(node), event]);
      }
      if (seen.has(key)) continue;
      const child: Node = {
        state: next.state,
        world: next.world,
        parent: node,
        via: event,
        depth: node.depth + 1,
      };
      seen.set(key, child);
      queue.push(child);
    }
  }
  out.states = [...seen.values()];
  explored.set(JSON.stringify(input), out);
  return out;
}

/** Self-loops (a step that changes nothing the model tracks, e.g. a call answered): one per coarse state and event. */
export function selfLoopSequences(input: DcKeyModelInput): StepEvent[][] {
  return [...explore(input).selfLoops.values()];
}

/** The real transitions `events` take from the start, as the model predicts them. */
export function transitionsOf(input: DcKeyModelInput, events: readonly StepEvent[]): string[] {
  let state: KeyState = 'disconnected';
  let world = initialWorld(input.pfs, input.stored);
  const out: string[] = [];
  for (const e of events) {
    const next = predict(state, world, e);
    if (!next) throw new TypeError(`step ${JSON.stringify(e)} not offered in ${state}`);
    out.push(...next.transitions);
    ({ state, world } = next);
  }
  return out;
}

/** Event sequences, beyond `base`, for the predicted real transitions `base` misses. */
export function transitionSequences(input: DcKeyModelInput, base: readonly StepEvent[][]): StepEvent[][] {
  const covered = new Set(base.flatMap((events) => transitionsOf(input, events)));
  const extra: StepEvent[][] = [];
  for (const [label, events] of explore(input).byTransition) {
    if (covered.has(label)) continue;
    extra.push(events);
    transitionsOf(input, events).forEach((t) => covered.add(t));
  }
  return extra;
}

/** MODEL_SIMPLE=1: a shortest event sequence to every state of the full state space. */
export function allStateSequences(input: DcKeyModelInput): StepEvent[][] {
  return explore(input).states.map(eventsTo);
}
