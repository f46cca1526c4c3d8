/** machineToMermaid on a small machine covering each construct, and on every machine of the engine. */
import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { machineToMermaid } from '../../../src/adapters/inspect/index.js';
import { authMachine, passwordMachine, phoneLoginMachine } from '../../../src/machines/index.js';

const demo = setup({
  guards: { isValid: () => true },
  delays: { resendDelay: 1000 },
  actors: {},
}).createMachine({
  id: 'demo',
  initial: 'idle',
  on: { 'engine.close': '.closed' },
  states: {
    idle: { on: { 'phone.submit': { guard: 'isValid', target: 'busy' }, 'noop.event': { actions: [] } } },
    busy: {
      type: 'parallel',
      states: {
        left: { initial: 'a', states: { a: { after: { resendDelay: 'b' } }, b: {} } },
        right: { initial: 'c', states: { c: { always: 'd' }, d: {} } },
      },
    },
    closed: { type: 'final' },
  },
});

describe('machineToMermaid', () => {
  it('draws nesting, parallel regions, initial and final states, guards, delays and always', () => {
    expect(machineToMermaid(demo)).toBe(
      [
        'stateDiagram-v2',
        '  [*] --> demo',
        '  state "demo" as demo',
        '  state demo {',
        '    [*] --> demo_idle',
        '    state "idle" as demo_idle',
        '    state "busy" as demo_busy',
        '    state demo_busy {',
        '      state "left" as demo_busy_left',
        '      state demo_busy_left {',
        '        [*] --> demo_busy_left_a',
        '        state "a" as demo_busy_left_a',
        '        state "b" as demo_busy_left_b',
        '      }',
        '      --',
        '      state "right" as demo_busy_right',
        '      state demo_busy_right {',
        '        [*] --> demo_busy_right_c',
        '        state "c" as demo_busy_right_c',
        '        state "d" as demo_busy_right_d',
        '      }',
        '    }',
        '    state "closed" as demo_closed',
        '    demo_closed --> [*]',
        '  }',
        '  demo --> demo_closed : engine.close',
        '  demo_idle --> demo_busy : phone.submit [isValid]',
        '  demo_busy_left_a --> demo_busy_left_b : after resendDelay',
        '  demo_busy_right_c --> demo_busy_right_d : always',
        '',
      ].join('\n'),
    );
  });

  it('every engine machine: each state appears once as a box, each edge names declared states', () => {
    for (const machine of [authMachine, phoneLoginMachine, passwordMachine]) {
      const text = machineToMermaid(machine);
      const declared = [...text.matchAll(/^\s*state "[^"]+" as (\S+)$/gm)].map((m) => m[1]);
      expect(new Set(declared).size).toBe(declared.length);
      for (const [, from, to] of text.matchAll(/^\s*(\S+) --> (\S+) :/gm)) {
        expect(declared).toContain(from);
        expect(declared).toContain(to);
      }
      expect(text).toMatch(/waitPassword|phoneLogin|ready/);
    }
  });
});
