/**
 * Which paths of the phone-login model are replayed: for each account, the shortest paths to every
 * model state (xstate/graph, which already leaves out a path that is a prefix of another), plus, for every model transition no such path takes — a transition
 * told apart by its source state node, e-mail stage, event case, target node and what the target
 * shows — the shortest path to its source and that one step (the self-loops are among
 * them: an event that leaves the state as it was is never on a shortest path). A path that is a
 * prefix of another of the same account is dropped: the longer one checks every state it checks.
 */
import { createTestModel, serializeSnapshot } from 'xstate/graph';
import type { SnapshotFrom } from 'xstate';
import type { AccountKind, PhoneModelEvent } from './phone-events.js';
import { phoneModel } from './phone.model.js';

export type ModelSnapshot = SnapshotFrom<typeof phoneModel>;

export interface ModelStep {
  event: PhoneModelEvent | { type: 'xstate.init' };
  /** The model state after the event. */
  state: ModelSnapshot;
}

export interface ModelPath {
  account: AccountKind;
  steps: ModelStep[];
}

/** The events each account explores (the model says where each leads). */
export type Plan = Partial<Record<AccountKind, PhoneModelEvent[]>>;

/** A model transition, told apart from the others (not by how its source was reached). */
function transitionKey(from: ModelSnapshot, event: ModelStep['event'], to: ModelSnapshot): string {
  const { error, code, terms, resendGone } = to.context;
  return JSON.stringify({
    from: from.value,
    email: from.context.email,
    event,
    to: to.value,
    error,
    code,
    terms,
    resendGone,
  });
}

const eventsOf = (p: ModelPath): string => p.steps.map((s) => JSON.stringify(s.event)).join('|');

/** The test model of `account` exploring `events`. */
function testModel(account: AccountKind, events: PhoneModelEvent[]) {
  const planned = new Set(events.map((e) => JSON.stringify(e)));
  return createTestModel(phoneModel, {
    events,
    input: { account },
    // xstate/graph adds a bare `{ type }` for each event type a state handles that the list lacks,
    // and tries every event in every state: only planned cases the state handles are steps.
    filterEvents: (state, event) => planned.has(JSON.stringify(event)) && state.can(event),
  });
}

/** Every simple path (no model state twice) of `account` exploring `events`. */
export function simplePaths(account: AccountKind, events: PhoneModelEvent[]): ModelPath[] {
  return testModel(account, events)
    .getSimplePaths()
    .map((p) => ({ account, steps: p.steps as ModelStep[] }));
}

/**
 * The path of `account` taking exactly `events` from the start: a way the model has that the plan's
 * paths need not take (they reach each model state and transition once, not every way on from it).
 */
export function pathOf(account: AccountKind, events: PhoneModelEvent[]): ModelPath {
  const model = testModel(account, events);
  // from the initial snapshot the model's own traversal made (its `input` is not applied here)
  const fromState = model.getShortestPaths()[0]?.steps[0]?.state;
  const paths = model.getPathsFromEvents(events, { fromState: fromState as never });
  const steps = (paths[0]?.steps ?? []) as ModelStep[];
  // every event must be one its state handles (the traversal would quietly stay put on another)
  const taken =
    steps.length === events.length + 1 &&
    steps.every((s, i) => i === 0 || steps[i - 1]!.state.can(s.event as PhoneModelEvent));
  if (paths.length !== 1 || !taken)
    throw new TypeError(`the model of ${account} does not take ${JSON.stringify(events)}`);
  return { account, steps };
}

/** The paths to replay for `plan`. */
export function planPaths(plan: Plan): ModelPath[] {
  const accounts = Object.entries(plan) as [AccountKind, PhoneModelEvent[]][];
  const models = accounts.map(([account, events]) => {
    const model = testModel(account, events);
    const shortest = model.getShortestPaths().map((p) => ({ account, steps: p.steps as ModelStep[] }));
    return { account, model, shortest };
  });
  const covered = new Set<string>();
  const cover = (p: ModelPath) =>
    p.steps.forEach((s, i) => i > 0 && covered.add(transitionKey(p.steps[i - 1]!.state, s.event, s.state)));
  models.forEach(({ shortest }) => shortest.forEach(cover));

  const out: ModelPath[] = [];
  for (const { account, model, shortest } of models) {
    // xstate/graph leaves out paths that are prefixes of others: every prefix is a way to its last state.
    const pathTo = new Map<string, ModelPath>();
    for (const p of shortest)
      p.steps.forEach((s, i) => {
        const key = serializeSnapshot(s.state);
        const known = pathTo.get(key);
        if (!known || known.steps.length > i + 1)
          pathTo.set(key, { account, steps: p.steps.slice(0, i + 1) });
      });
    const extra: ModelPath[] = [];
    for (const node of Object.values(model.getAdjacencyMap())) {
      const from = node.state as ModelSnapshot;
      const edges = Object.values(node.transitions as Record<string, { event: unknown; state: unknown }>);
      for (const { event, state } of edges) {
        const e = event as PhoneModelEvent;
        const key = transitionKey(from, e, state as ModelSnapshot);
        if (covered.has(key)) continue;
        const to = pathTo.get(serializeSnapshot(from));
        if (!to) throw new TypeError(`no shortest path reaches ${serializeSnapshot(from)}`);
        const path = { account, steps: [...to.steps, { event: e, state: state as ModelSnapshot }] };
        cover(path);
        extra.push(path);
      }
    }
    const all = [...shortest, ...extra];
    const keys = all.map(eventsOf);
    const kept = all.filter(
      (_, i) => keys.indexOf(keys[i]!) === i && !keys.some((k) => k.startsWith(`${keys[i]}|`)),
    );
    out.push(...kept);
  }
  return out;
}

/** A readable name for a path: its account and events. */
export function describePath(p: ModelPath): string {
  const events = p.steps
    .filter((s) => s.event.type !== 'xstate.init')
    .map((s) => {
      const { type, ...payload } = s.event;
      const args = Object.values(payload).map(String).join(',');
      return args ? `${type}(${args})` : type;
    });
  return `${p.account}: ${events.join(' → ') || '(initial)'}`;
}
