// @vitest-environment happy-dom
/**
 * adapters/react against the in-process simulator (real MTProto over memory pipes, from
 * test/integration/sim-world.ts): phone -> the code from the simulator's inbox -> 2FA -> ready,
 * asserting what the rendered component shows at each screen.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useAuth } from '../../../src/adapters/react/index.js';
import type { AuthEngine } from '../../../src/machines/index.js';
import { account, createWorld, lastCode, waitFor, type World } from '../../integration/sim-world.js';

let w: World;
beforeAll(async () => {
  w = await createWorld('memory', 'react-adapter');
});
afterAll(() => w.close());
afterEach(cleanup);

function Screen({ engine }: { engine: AuthEngine }) {
  const v = useAuth(engine);
  const text =
    v.status === 'waitCode'
      ? `code (${v.codeInfo.type})`
      : v.status === 'waitPassword'
        ? `password, hint ${v.hint ?? '-'}${v.error ? ` ${v.error.type}` : ''}`
        : v.status === 'ready'
          ? `hello ${v.user.firstName}`
          : v.status;
  return createElement('p', { 'data-testid': 'screen' }, text);
}

describe('react adapter on the simulator', () => {
  it('phone -> code -> 2FA (wrong, then right) -> ready, as rendered', async () => {
    const a = account(w);
    await w.sim.setPassword(a.id, 'right horse', { hint: 'horse' });
    const engine = w.engine();
    render(createElement(Screen, { engine }));
    const shown = () => screen.getByTestId('screen').textContent;
    await act(() => waitFor(engine, 'waitPhoneNumber'));
    expect(shown()).toBe('waitPhoneNumber');

    await act(async () => {
      engine.send({ type: 'phone.submit', phone: a.phone });
      await waitFor(engine, 'waitCode');
    });
    expect(shown()).toMatch(/^code \(/);
    await act(async () => {
      engine.send({ type: 'code.submit', code: lastCode(w.sim, a.phone) });
      await waitFor(engine, 'waitPassword');
    });
    expect(shown()).toBe('password, hint horse');
    await act(async () => {
      engine.send({ type: 'password.submit', password: 'wrong' });
      await expect
        .poll(() => engine.getSnapshot().error?.type, { timeout: 10_000 })
        .toBe('PASSWORD_HASH_INVALID');
    });
    expect(shown()).toBe('password, hint horse PASSWORD_HASH_INVALID');
    await act(async () => {
      engine.send({ type: 'password.submit', password: 'right horse' });
      await waitFor(engine, 'ready');
    });
    expect(shown()).toBe('hello Ada');
  });
});
