/**
 * `describeMachineConfig` and its key scheme (core/describe-machine-config.ts): paths to states and
 * transitions, branches named by guard, a described copy that never changes the original.
 */
import { describe, expect, it } from 'vitest';
import { describablePaths, describeMachineConfig } from '../../src/machines/index.js';

describe('describeMachineConfig', () => {
  const input = () => ({
    id: 'm',
    initial: 'a',
    invoke: { id: 'watch', src: 'watch', onError: { actions: 'note' } },
    states: {
      a: {
        on: {
          'x.done': [
            { guard: 'isOne', target: 'b' },
            { guard: { type: 'isTwo', params: { n: 2 } }, target: 'b' },
            { guard: 'isTwin', target: 'b' },
            { guard: 'isTwin', target: 'a' },
            { target: 'b' },
          ],
          'y.go': 'b',
        },
        after: { soon: { target: 'b' } },
        always: { guard: () => false, target: 'b' },
      },
      b: {
        invoke: [{ id: 'work', src: 'work', onDone: 'a', onError: [{ target: 'a' }] }],
        states: { inner: {} },
      },
    },
  });

  it('keys states and transitions by path, branches by guard, [else] or position', () => {
    expect([...describablePaths(input()).keys()]).toEqual([
      '',
      'invoke.watch.onError',
      'a',
      'a.on.x.done[isOne]',
      'a.on.x.done[isTwo]',
      'a.on.x.done[2]',
      'a.on.x.done[3]',
      'a.on.x.done[else]',
      'a.on.y.go',
      'a.after.soon',
      'a.always',
      'b',
      'b.invoke.work.onDone',
      'b.invoke.work.onError[else]',
      'b.inner',
    ]);
  });

  it('returns a described copy and leaves the original untouched', () => {
    const config = input();
    const before = JSON.stringify(config);
    const out = describeMachineConfig(config, {
      '': 'root',
      'invoke.watch.onError': 'stream failed',
      'a.on.x.done[isTwo]': 'two',
      'a.on.y.go': 'a string target becomes an object',
      'b.inner': 'inner state',
      'b.invoke.work.onError[else]': 'failed',
    });
    expect(JSON.stringify(config)).toBe(before);
    expect(out).not.toBe(config);
    expect((out as { description?: string }).description).toBe('root');
    expect(out.invoke.onError).toEqual({ actions: 'note', description: 'stream failed' });
    expect(out.states.a.on['x.done'][1]).toEqual({ ...config.states.a.on['x.done'][1], description: 'two' });
    expect(out.states.a.on['y.go']).toEqual({
      target: 'b',
      description: 'a string target becomes an object',
    });
    expect((out.states.b.states.inner as { description?: string }).description).toBe('inner state');
    expect(out.states.b.invoke[0]!.onError).toEqual([{ target: 'a', description: 'failed' }]);
    // Parts without a description are shared, not copied.
    expect(out.states.a.after).toBe(config.states.a.after);
    expect(out.states.a.on['x.done'][0]).toBe(config.states.a.on['x.done'][0]);
    expect(describeMachineConfig(config, {})).toBe(config);
  });

  it('refuses a config where two places share a path', () => {
    const config = { id: 'm', on: { x: 'a' }, states: { on: { states: { x: {} } }, a: {} } };
    expect(() => describablePaths(config)).toThrow(/'on\.x'/);
  });
});
