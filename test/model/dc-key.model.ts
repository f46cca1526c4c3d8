/**
 * Abstract model of one DC's key lifecycle (with or without PFS) as xstate/graph traverses it: the
 * states are the key machine's states as a step leaves them (dc-key/machine.ts), the events are the
 * steps a test takes (a call, cutting connections, the clock, a wire fault, the server forgetting
 * keys, a rejected bind, closing), and the context is the bounded picture of the world the step's
 * outcome depends on (dc-key.world.ts predicts it). No invokes, no delays: a clock step is an event.
 * `input` picks the configuration: PFS or not, and whether a permanent key is stored at the start.
 */
import { assign, setup } from 'xstate';
import { initialWorld, predict, type KeyState, type KeyWorld, type StepEvent } from './dc-key.world.js';

export type DcKeyModelEvent = StepEvent;

export const dcKeyEventCases: DcKeyModelEvent[] = [
  { type: 'CALL' },
  { type: 'DROP', which: 'all' },
  { type: 'DROP', which: 'current' },
  { type: 'DROP', which: 'others' },
  { type: 'REDIAL' },
  { type: 'TIMEOUT' },
  { type: 'ROTATE' },
  { type: 'FAULT', plain: 'silent' },
  { type: 'FAULT', plain: 'corrupt' },
  { type: 'FAULT', plain: 'garble' },
  { type: 'HOLD' },
  { type: 'REFUSE' },
  { type: 'RELEASE' },
  { type: 'HEAL' },
  { type: 'FORGET', what: 'temp' },
  { type: 'FORGET', what: 'perm' },
  { type: 'FORGET', what: 'all' },
  { type: 'REJECT_BIND' },
  { type: 'CLOSE' },
];

export interface DcKeyModelInput {
  pfs: boolean;
  stored: boolean;
}

const LEAVES: KeyState[] = [
  'disconnected',
  'exchangingPermKey',
  'exchangingTempKey',
  'binding',
  'rotating.awaitingConnection',
  'rotating.exchangingTempKey',
  'rotating.binding',
  'rotating.failed',
  'failed',
  'ready',
  'reconnecting',
  'closed',
];

const memo = new Map<string, ReturnType<typeof predict>>();
function outcome(from: KeyState, world: KeyWorld, event: DcKeyModelEvent) {
  const key = JSON.stringify([from, world, event]);
  if (!memo.has(key)) memo.set(key, predict(from, world, event));
  return memo.get(key);
}

/** One guarded transition per possible settled state: the one `predict` names is taken. */
function stepsFrom(from: KeyState) {
  const transitions = LEAVES.map((to) => ({
    guard: ({ context, event }: { context: KeyWorld; event: DcKeyModelEvent }) =>
      outcome(from, context, event)?.state === to,
    target: `#dcKeyModel.${to}`,
    actions: assign(
      ({ context, event }: { context: KeyWorld; event: DcKeyModelEvent }) =>
        outcome(from, context, event)!.world,
    ),
  }));
  const types = [...new Set(dcKeyEventCases.map((e) => e.type))];
  return Object.fromEntries(types.map((type) => [type, transitions]));
}

const leaf = (from: KeyState) => ({ on: stepsFrom(from) });

export const dcKeyModel = setup({
  types: {
    context: {} as KeyWorld,
    events: {} as DcKeyModelEvent,
    input: {} as DcKeyModelInput,
  },
}).createMachine({
  id: 'dcKeyModel',
  context: ({ input }) => initialWorld(input.pfs, input.stored),
  initial: 'disconnected',
  states: {
    disconnected: leaf('disconnected'),
    exchangingPermKey: leaf('exchangingPermKey'),
    exchangingTempKey: leaf('exchangingTempKey'),
    binding: leaf('binding'),
    rotating: {
      initial: 'awaitingConnection',
      states: {
        awaitingConnection: leaf('rotating.awaitingConnection'),
        exchangingTempKey: leaf('rotating.exchangingTempKey'),
        binding: leaf('rotating.binding'),
        failed: leaf('rotating.failed'),
      },
    },
    failed: leaf('failed'),
    ready: leaf('ready'),
    reconnecting: leaf('reconnecting'),
    closed: { type: 'final' },
  },
});

/** The model state as the dotted path the rig prints for the real machine (substates aside). */
export function modelStateOf(value: unknown): KeyState {
  if (typeof value === 'string') return value as KeyState;
  const [k, v] = Object.entries(value as Record<string, string>)[0]!;
  return `${k}.${v}` as KeyState;
}
