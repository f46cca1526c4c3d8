/**
 * The machines' descriptions live in side tables (src/machines/*.descriptions.ts, issue 11). Every
 * key must name a state or transition of its machine (a renamed state or guard fails here, naming
 * the key), none may be lost on the way back (the counts match docs/machines), and the runtime
 * configs must not carry them again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMachine, type AnyStateMachine } from 'xstate';
import {
  danglingDescriptionKeys,
  describablePaths,
  describeMachineConfig,
  describedConfigOf,
  machineDescriptions,
  qrLoginMachine,
} from '../../src/machines/index.js';
import { realMachines } from '../model/real-machines.js';

const machines: AnyStateMachine[] = Object.values(realMachines());
const docsDir = join(import.meta.dirname, '..', '..', 'docs', 'machines');
const kebab = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/** The descriptions a `toJSON()` definition carries: each state's and each transition's, once. */
function countInDefinition(node: {
  description?: string;
  transitions?: { description?: string }[];
  initial?: { description?: string };
  states?: Record<string, unknown>;
}): number {
  const own = (node.description ? 1 : 0) + (node.initial?.description ? 1 : 0);
  const transitions = (node.transitions ?? []).filter((t) => t.description).length;
  const children = Object.values(node.states ?? {}).map((s) => countInDefinition(s as never));
  return own + transitions + children.reduce((a, b) => a + b, 0);
}

const described = (m: AnyStateMachine) =>
  createMachine(describeMachineConfig(m.config, machineDescriptions[m.id]!), m.implementations as never);

describe('machine descriptions', () => {
  it('there is one table per machine, by machine id', () => {
    expect(Object.keys(machineDescriptions).sort()).toEqual(machines.map((m) => m.id).sort());
  });

  it.each(machines.map((m) => [m.id, m] as const))(
    '%s: every key names a state or transition of the machine',
    (id, machine) => {
      expect(
        danglingDescriptionKeys(machine.config, machineDescriptions[id]!),
        `${id}: dangling keys`,
      ).toEqual([]);
    },
  );

  it.each(machines.map((m) => [m.id, m] as const))(
    '%s: the runtime config carries none (they belong in the side table)',
    (id, machine) => {
      const inline = [...describablePaths(machine.config)].filter(([, d]) => d !== undefined).map(([k]) => k);
      expect(inline, `${id}: move these to ${kebab(id)}.descriptions.ts`).toEqual([]);
    },
  );

  it.each(machines.map((m) => [m.id, m] as const))(
    '%s: merged back, every description lands where its key says',
    (id, machine) => {
      const table = machineDescriptions[id]!;
      const merged = [...describablePaths(describedConfigOf(machine.config))].filter(
        ([, d]) => d !== undefined,
      );
      expect(Object.fromEntries(merged)).toEqual(table);
    },
  );

  it.each(machines.filter((m) => m.id !== 'dcKey').map((m) => [m.id, m] as const))(
    '%s: none is dropped: the count matches docs/machines',
    (id, machine) => {
      const docs = JSON.parse(readFileSync(join(docsDir, `${kebab(id)}.json`), 'utf8')) as never;
      // `always` transitions are not part of XState's `toJSON()`, so the docs cannot show theirs.
      const serializable = Object.keys(machineDescriptions[id]!).filter((k) => !/(^|\.)always(\[|$)/.test(k));
      expect(countInDefinition(docs)).toBe(serializable.length);
      expect(countInDefinition(described(machine).toJSON() as never)).toBe(serializable.length);
    },
  );

  it('a renamed state leaves dangling keys, named', () => {
    const { waitingScan, ...states } = qrLoginMachine.config.states!;
    const renamed = { ...qrLoginMachine.config, states: { ...states, showingCode: waitingScan } };
    expect(danglingDescriptionKeys(renamed, machineDescriptions.qrLogin!)).toEqual([
      'waitingScan.on.loginToken.updated',
      'waitingScan.after.qrTokenExpiry',
      'waitingScan.after.qrPoll',
    ]);
  });

  it('a renamed guard leaves a dangling key, named', () => {
    const config = {
      id: 'm',
      initial: 'a',
      states: { a: { on: { go: [{ guard: 'isNew', target: 'b' }, { target: 'a' }] } }, b: {} },
    };
    expect(danglingDescriptionKeys(config, { 'a.on.go[isOld]': 'x', 'a.on.go[else]': 'y' })).toEqual([
      'a.on.go[isOld]',
    ]);
  });
});
