/**
 * What Stately's inspector draws from an '@xstate.actor' event is the redacted `logic.config`.
 * Structure is not secret: state, event and delay names stay even when they contain "password" or
 * "token" (`waitPassword`, `loginToken.updated`, `qrTokenExpiry`), so the drawing has every state
 * and transition of docs/machines/<name>.json. Data a config can carry (an invoke's `input`, a
 * `context` literal, action and guard `params`, a final state's `output`) is still redacted.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createActor, createMachine, setup, type AnyStateMachine, type InspectionEvent } from 'xstate';
import { createRedactingInspector, type RedactionOptions } from '../../../src/adapters/inspect/index.js';
import {
  authMachine,
  describablePaths,
  machineDescriptions,
  passwordMachine,
  phoneLoginMachine,
  qrLoginMachine,
} from '../../../src/machines/index.js';

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The config the redacting inspector hands on in the first '@xstate.actor' event of `machine`. */
function drawnConfig(machine: AnyStateMachine, input: unknown, options?: RedactionOptions): Node {
  const events: InspectionEvent[] = [];
  const inspector = createRedactingInspector((e) => void events.push(e), options);
  createActor(machine, { input, inspect: inspector.inspect });
  const actor = events.find((e) => e.type === '@xstate.actor');
  const config = (actor?.actorRef as { logic?: { config?: unknown } } | undefined)?.logic?.config;
  if (!isNode(config)) throw new Error(`no config drawn for ${machine.id}`);
  return config;
}

/** The names a drawing is made of: state paths, event and delay names per state, invokes. */
function shape(node: Node, path = '(root)'): string[] {
  const out = [`state ${path}`];
  for (const field of ['on', 'after'] as const) {
    if (isNode(node[field]))
      for (const name of Object.keys(node[field])) out.push(`${path} ${field} ${name}`);
  }
  const invokes = node.invoke === undefined ? [] : Array.isArray(node.invoke) ? node.invoke : [node.invoke];
  for (const inv of invokes as Node[]) out.push(`${path} invoke ${String(inv.id)}:${String(inv.src)}`);
  if (typeof node.initial === 'string') out.push(`${path} initial ${node.initial}`);
  if (isNode(node.states)) {
    for (const [key, child] of Object.entries(node.states)) {
      out.push(
        ...(isNode(child) ? shape(child, `${path}.${key}`) : [`state ${path}.${key} is ${String(child)}`]),
      );
    }
  }
  return out;
}

type JsonNode = { id: string; states: Record<string, JsonNode>; transitions: { eventType: string }[] };

/** State ids and transition event types of a normalized definition (`machine.toJSON()`). */
function inventory(json: JsonNode): { states: string[]; transitions: string[] } {
  const states = [json.id];
  const transitions = json.transitions.map((t) => `${json.id} ${t.eventType}`);
  for (const child of Object.values(json.states)) {
    const inner = inventory(child);
    states.push(...inner.states);
    transitions.push(...inner.transitions);
  }
  return { states, transitions };
}

const docsJson = (file: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../docs/machines/${file}.json`, import.meta.url), 'utf8'),
  ) as JsonNode;

const engineMachines = [
  { machine: authMachine, file: 'auth', input: {} },
  { machine: passwordMachine, file: 'password', input: { dcId: 2 } },
  { machine: phoneLoginMachine, file: 'phone-login', input: { dcId: 2 } },
  { machine: qrLoginMachine, file: 'qr-login', input: { dcId: 2 } },
];

describe('inspector: the drawn machine config keeps its structure', () => {
  for (const { machine, file, input } of engineMachines) {
    it(`${machine.id}: every state, event, delay and invoke, as many states and transitions as docs/machines/${file}.json`, () => {
      const drawn = drawnConfig(machine, input);
      expect(shape(drawn)).toEqual(shape(machine.config as Node));
      // Drawn as Stately's tools draw it: a machine made from the config, normalized.
      const docs = inventory(docsJson(file));
      const redrawn = inventory(createMachine(drawn as never).toJSON() as unknown as JsonNode);
      expect(redrawn.states).toEqual(docs.states);
      expect(redrawn.transitions.sort()).toEqual(docs.transitions.sort());
      // And every description of the machine's side table is on it.
      const descriptions = [...describablePaths(drawn).values()].filter((d) => d !== undefined);
      expect(descriptions.sort()).toEqual(Object.values(machineDescriptions[machine.id] ?? {}).sort());
    });
  }
});

const REGISTERED = 'reg-secret-5150';

/** A machine whose config carries data literals, under state and event names that look secret. */
const literal = setup({
  actors: { checkPassword: createMachine({}) },
  actions: { remember: () => undefined },
  guards: { matches: () => true },
  delays: { passwordTimeout: 60_000 },
}).createMachine({
  id: 'literal',
  context: { apiHash: 'abc123hash', password: 'ctx-hunter3', note: `see ${REGISTERED}` },
  initial: 'waitPassword',
  states: {
    waitPassword: {
      meta: { hint: `meta ${REGISTERED}` },
      on: {
        'password.submit': {
          target: 'checkingPassword',
          guard: { type: 'matches', params: { token: 'guard-token-1', label: `guard ${REGISTERED}` } },
          actions: { type: 'remember', params: { password: 'param-pw-1', label: `action ${REGISTERED}` } },
        },
      },
      after: { passwordTimeout: 'done' },
    },
    checkingPassword: {
      invoke: {
        id: 'checkPassword',
        src: 'checkPassword',
        input: { password: 'hunter2', note: `input ${REGISTERED}` },
        onDone: 'done',
      },
    },
    done: { type: 'final', output: { loginToken: 'out-token-1', note: `output ${REGISTERED}` } },
  },
});

describe('inspector: data in a machine config is still redacted', () => {
  const drawn = drawnConfig(literal, undefined, { secrets: [REGISTERED] });
  const json = JSON.stringify(drawn);

  it('by key name: an invoke input, a context literal, action and guard params, a final output', () => {
    for (const s of ['hunter2', 'ctx-hunter3', 'abc123hash', 'guard-token-1', 'param-pw-1', 'out-token-1']) {
      expect(json).not.toContain(s);
    }
    const states = drawn.states as Record<string, Node>;
    expect((states.checkingPassword!.invoke as Node).input).toEqual({
      password: '[redacted]',
      note: 'input [redacted]',
    });
    expect(drawn.context).toEqual({ apiHash: '[redacted]', password: '[redacted]', note: 'see [redacted]' });
  });

  it('a secret registered with addSecret, in every value of the config', () => {
    expect(json).not.toContain(REGISTERED);
    for (const where of ['see', 'meta', 'guard', 'action', 'input', 'output']) {
      expect(json).toContain(`${where} [redacted]`);
    }
  });

  it('while the names stay: states, events, delays, invoke id and src, guard and action types', () => {
    expect(shape(drawn)).toEqual(shape(literal.config as Node));
    const submit = ((drawn.states as Record<string, Node>).waitPassword!.on as Node)[
      'password.submit'
    ] as Node;
    expect(submit).toMatchObject({
      target: 'checkingPassword',
      guard: { type: 'matches' },
      actions: { type: 'remember' },
    });
  });

  it('events and snapshot data keep the name rules: the password typed into password.submit never reaches the observer', () => {
    const events: InspectionEvent[] = [];
    const inspector = createRedactingInspector((e) => void events.push(e));
    const actor = createActor(literal, { inspect: inspector.inspect }).start();
    actor.send({ type: 'password.submit', password: 'typed-pw-1' });
    const seen = JSON.stringify(events.map((e) => ({ e, snapshot: e.actorRef.getSnapshot() })));
    actor.stop();
    expect(seen).toContain('"type":"password.submit","password":"[redacted]"');
    expect(seen).not.toContain('typed-pw-1');
    expect(seen).not.toContain('ctx-hunter3'); // the context literal, now in the snapshot
  });
});
