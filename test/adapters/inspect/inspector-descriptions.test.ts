/**
 * The machines keep their descriptions in side tables the runtime never imports (issue 11); the
 * redacting inspector merges them back into the `logic.config` it hands on, which is what
 * @statelyai/inspect serializes to draw a machine. The live configs stay without them.
 */
import { describe, expect, it } from 'vitest';
import { createActor, type InspectionEvent } from 'xstate';
import { createRedactingInspector } from '../../../src/adapters/inspect/index.js';
import { createDcKeyMachine, describablePaths, machineDescriptions } from '../../../src/machines/index.js';
import { runSecretFlow } from './secret-flow.js';

type Config = { id: string; states?: Record<string, Config>; description?: string };

/** The redacted config of every '@xstate.actor' event, by machine id. */
function actorConfigs(events: InspectionEvent[]): Map<string, Config> {
  const out = new Map<string, Config>();
  for (const e of events) {
    if (e.type !== '@xstate.actor') continue;
    const config = (e.actorRef as { logic?: { config?: Config } }).logic?.config;
    if (config) out.set(config.id, config);
  }
  return out;
}

describe('inspector: machine descriptions', () => {
  it("an '@xstate.actor' event's config carries the descriptions of the engine's machines", async () => {
    const events: InspectionEvent[] = [];
    const { inspect } = createRedactingInspector((e) => void events.push(e));
    expect(await runSecretFlow(inspect)).toBe('ready');
    const configs = actorConfigs(events);
    expect(configs.get('auth')?.states?.ready?.states?.saving?.description).toBe(
      machineDescriptions.auth!['ready.saving'],
    );
    expect(configs.get('phoneLogin')?.states?.routing?.description).toBe(
      machineDescriptions.phoneLogin!['routing'],
    );
  });

  it('the per-DC key machine too, while its live config stays without them', () => {
    const events: InspectionEvent[] = [];
    const { inspect } = createRedactingInspector((e) => void events.push(e));
    const machine = createDcKeyMachine({ env: {} as never, rsaKeys: [] } as never);
    createActor(machine, { input: { dcId: 2 }, inspect });
    const config = actorConfigs(events).get('dcKey');
    expect(config?.states?.rotating?.description).toBe(machineDescriptions.dcKey!['rotating']);
    expect([...describablePaths(machine.config).values()].filter((d) => d !== undefined)).toEqual([]);
  });
});
