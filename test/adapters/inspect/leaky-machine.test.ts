/**
 * The leaks XState's own sanitizers miss (stately.ai/docs/inspection): a password and a code passed in
 * clear as a child actor's `input` (hence also inside the child's `xstate.init` event and its
 * snapshot), key bytes in a promise output, and a secret under an innocent field name. Recorded
 * raw they are all there; through `createRedactingInspector` none is.
 */
import { describe, expect, it } from 'vitest';
import { assign, createActor, fromPromise, setup, toPromise, type InspectionEvent } from 'xstate';
import { createInspector } from '@statelyai/inspect';
import {
  createRedactingInspector,
  redactInspectionEvent,
  type InspectionObserver,
} from '../../../src/adapters/inspect/index.js';
import { serializeAll } from './secret-flow.js';

const PASSWORD = 'plain-text-password-1';
const CODE = '73519';
const NOTE_SECRET = 'sk-note-4242';
const KEY = Uint8Array.from({ length: 16 }, (_, i) => 0x90 + i);
const KEY_HEX = Array.from(KEY, (x) => x.toString(16)).join('');

const leaky = setup({
  types: { context: {} as { blob?: Uint8Array; note?: string } },
  actors: {
    checkPassword: fromPromise(async ({ input }: { input: { password: string; code: string } }) => ({
      authKey: KEY,
      note: `checked ${input.code}`,
    })),
  },
}).createMachine({
  id: 'leaky',
  initial: 'checking',
  context: {},
  states: {
    checking: {
      invoke: {
        src: 'checkPassword',
        input: { password: PASSWORD, code: CODE },
        onDone: {
          target: 'done',
          actions: assign({ blob: ({ event }) => event.output.authKey, note: () => `memo ${NOTE_SECRET}` }),
        },
      },
    },
    done: { type: 'final' },
  },
});

async function run(inspect: InspectionObserver): Promise<void> {
  const actor = createActor(leaky, { inspect });
  actor.start();
  await toPromise(actor);
}

/** The events, what their actor refs report, and the definitions they expose, as one string. */
const everything = (recorded: InspectionEvent[]) =>
  serializeAll(
    recorded.map((e) => ({
      e,
      snapshot: e.actorRef.getSnapshot(),
      definition: (e.actorRef as { logic?: { config?: unknown } }).logic?.config,
    })),
  );

describe('leaky machine', () => {
  it('raw: password, code, key bytes and the noted secret all reach the inspector', async () => {
    const recorded: InspectionEvent[] = [];
    await run((e) => recorded.push(e));
    const json = everything(recorded);
    for (const s of [PASSWORD, CODE, KEY_HEX, NOTE_SECRET]) expect(json).toContain(s);
  });

  it('redacted by name (password, code, authKey), by value (bytes, a registered secret), in input, init event and snapshots', async () => {
    const recorded: InspectionEvent[] = [];
    const inspector = createRedactingInspector((e) => recorded.push(e), { secrets: [NOTE_SECRET] });
    // A value derived from the code ("checked 73519") has no telling name: register the code itself.
    inspector.addSecret(CODE);
    await run(inspector.inspect);
    const json = everything(recorded);
    for (const s of [PASSWORD, CODE, KEY_HEX, NOTE_SECRET]) expect(json).not.toContain(s);
    expect(json).toContain('[redacted 16 bytes]');
    expect(json).toContain('"memo [redacted]"');
    expect(json).toContain('"checked [redacted]"');
    expect(json).toContain('"src":"checkPassword"'); // the definition is still there, redacted
  });

  it('redactInspectionEvent copies: the caller-owned event object is never rewritten', () => {
    const event = { type: 'login', password: PASSWORD };
    const actorRef = createActor(leaky);
    const inspection = {
      type: '@xstate.event',
      rootId: 'x',
      actorRef,
      sourceRef: undefined,
      event,
    } as InspectionEvent;
    const out = redactInspectionEvent(inspection) as Extract<InspectionEvent, { type: '@xstate.event' }>;
    expect(out.event).toEqual({ type: 'login', password: '[redacted]' });
    expect(event.password).toBe(PASSWORD);
  });

  it('@statelyai/inspect behind the redactor: it reads actor snapshots later, and still sees nothing secret', async () => {
    const sent: unknown[] = [];
    const stately = createInspector({ send: (e) => void sent.push(e) });
    const redacting = createRedactingInspector(stately.inspect, { secrets: [NOTE_SECRET, CODE] });
    await run(redacting.inspect);
    await new Promise((resolve) => setTimeout(resolve, 20)); // the library converts on a timer
    const json = serializeAll(sent);
    expect(sent.length).toBeGreaterThan(3);
    expect(json).toContain('"@xstate.actor"');
    expect(json).toContain('checkPassword'); // the machine definition still reaches the tool
    for (const s of [PASSWORD, CODE, KEY_HEX, NOTE_SECRET]) expect(json).not.toContain(s);

    // Control: the same library without the redactor sends them.
    const rawSent: unknown[] = [];
    await run(createInspector({ send: (e) => void rawSent.push(e) }).inspect);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const raw = serializeAll(rawSent);
    for (const s of [PASSWORD, CODE, NOTE_SECRET]) expect(raw).toContain(s);
  });
});
