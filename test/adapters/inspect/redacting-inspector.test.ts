/**
 * No secret reaches an inspector: a full phone + code + 2FA + recovery run recorded through
 * `createRedactingInspector`, serialized, and searched for every code, password and key byte
 * string. The same run recorded raw must contain some of them, or the search proves nothing
 * (codes and passwords in clear are covered by leaky-machine.test.ts: the engine never exposes them).
 */
import { describe, expect, it } from 'vitest';
import type { InspectionEvent } from 'xstate';
import { createRedactingInspector } from '../../../src/adapters/inspect/index.js';
import { runSecretFlow, secretsIn, serializeAll } from './secret-flow.js';

/**
 * Records each event and, after the run, what each actor reference reports from `getSnapshot()`
 * (@statelyai/inspect reads it later too: an actor cannot be read while it initializes).
 */
function recorder() {
  const recorded: InspectionEvent[] = [];
  const inspect = (event: InspectionEvent) => void recorded.push(event);
  const all = () => {
    const refs = new Set(
      recorded.flatMap((e) => [e.actorRef, ...('sourceRef' in e && e.sourceRef ? [e.sourceRef] : [])]),
    );
    return { events: recorded, actorSnapshots: [...refs].map((ref) => ref.getSnapshot()) };
  };
  return { recorded, inspect, all };
}

describe('redacting inspector', () => {
  it('raw inspection of the run leaks key material, the SRP value srp_B (the control)', async () => {
    const { inspect, all } = recorder();
    expect(await runSecretFlow(inspect)).toBe('ready');
    const leaked = secretsIn(serializeAll(all()));
    // The engine seals typed codes and passwords in `Secret` handles and keeps A/M1 inside its
    // actors, so raw inspection shows "only" the server's SRP value srp_B (single use, but key
    // material all the same). `leaky-machine.test.ts` covers codes and passwords in clear.
    expect(leaked).toEqual(expect.arrayContaining(['srpB']));
  });

  it('through createRedactingInspector nothing secret remains, in any event type or actor snapshot', async () => {
    const { recorded, inspect, all } = recorder();
    const inspector = createRedactingInspector(inspect);
    expect(await runSecretFlow(inspector.inspect)).toBe('ready');
    const json = serializeAll(all());
    expect(secretsIn(json)).toEqual([]);
    expect(json).not.toMatch(/bytes:/); // no Uint8Array survives at all
    expect(json).not.toContain('hash-1'); // the phone_code_hash
    // Still useful: every event type, states, the user's first name and the hint are there.
    const types = new Set(recorded.map((e) => e.type));
    expect([...types].sort()).toEqual([
      '@xstate.action',
      '@xstate.actor',
      '@xstate.event',
      '@xstate.microstep',
      '@xstate.snapshot',
    ]);
    expect(json).toContain('waitPasswordRecovery');
    expect(json).toContain('pet name');
    expect(json).toContain('Ada');
  });
});
