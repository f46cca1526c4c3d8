// @vitest-environment happy-dom
/**
 * adapters/react with @testing-library/react in happy-dom: components written with createElement
 * (no JSX config), an engine over the stub RPC driven phone -> code -> ready inside act().
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { createElement, Fragment } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthEngine, AuthView } from '../../../src/machines/index.js';
import {
  AuthEngineProvider,
  shallowEqual,
  useAuth,
  useAuthEngine,
  useAuthSelector,
  useAuthView,
} from '../../../src/adapters/react/index.js';
import { phoneFlowRig, steps } from '../rx/phone-flow.js';
import type { Rig } from '../../machines/harness.js';

afterEach(cleanup);

function describeView(view: AuthView): string {
  switch (view.status) {
    case 'waitCode':
      return `code for ${view.phone} (${view.codeInfo.type}, resend in ${view.resendInSeconds ?? '-'})${view.error ? ` ${view.error.type}` : ''}`;
    case 'ready':
      return `hello ${view.user.firstName}`;
    default:
      return view.status + (view.busy ? ' (busy)' : '');
  }
}

const renders = { screen: 0, status: 0 };

function LoginScreen({ engine }: { engine: AuthEngine }) {
  renders.screen++;
  return createElement('p', { 'data-testid': 'screen' }, describeView(useAuth(engine)));
}

function StatusBadge() {
  renders.status++;
  const status = useAuthSelector(useAuthEngine(), (v) => v.status);
  return createElement('b', { 'data-testid': 'status' }, status);
}

const run = (r: Rig, step: (r: Rig) => Promise<void>) => act(() => step(r));

describe('react adapter', () => {
  it('renders each screen the engine shows, and a selector re-renders only on its slice', async () => {
    const r = await phoneFlowRig();
    renders.screen = renders.status = 0;
    render(
      createElement(
        AuthEngineProvider,
        { engine: r.engine },
        createElement(
          Fragment,
          null,
          createElement(LoginScreen, { engine: r.engine }),
          createElement(StatusBadge),
        ),
      ),
    );
    const text = () => [screen.getByTestId('screen').textContent, screen.getByTestId('status').textContent];
    expect(text()).toEqual(['waitPhoneNumber', 'waitPhoneNumber']);

    await run(r, steps.phone);
    expect(text()).toEqual(['code for 9996621234 (app, resend in 3)', 'waitCode']);
    await act(() => r.tick(1));
    expect(text()[0]).toBe('code for 9996621234 (app, resend in 2)');
    await run(r, steps.wrongCode);
    expect(text()[0]).toBe('code for 9996621234 (app, resend in 2) PHONE_CODE_INVALID');
    await run(r, steps.rightCode);
    expect(text()).toEqual(['hello Ada', 'ready']);
    // The badge's parent re-rendered for every view; the badge itself only for its three statuses.
    expect(renders.status).toBe(3);
    expect(renders.screen).toBeGreaterThan(5);
  });

  it('useAuthSelector keeps an equal object selection (shallowEqual) across countdown ticks', async () => {
    const r = await phoneFlowRig();
    await steps.phone(r);
    const seen: unknown[] = [];
    function Phone() {
      const sel = useAuthSelector(
        r.engine,
        (v) => ({ phone: v.status === 'waitCode' ? v.phone : '' }),
        shallowEqual,
      );
      seen.push(sel);
      return createElement('i', null, sel.phone);
    }
    render(createElement(Phone));
    await act(() => r.tick(3));
    expect(new Set(seen).size).toBe(1);
    expect(screen.getByText('9996621234')).toBeTruthy();
  });

  it('useAuthView without a provider throws UiAdapterError(no-engine)', () => {
    function Orphan() {
      return createElement('i', null, useAuthView().status);
    }
    const original = console.error;
    console.error = () => undefined; // React logs the thrown render error; expected here
    try {
      expect(() => render(createElement(Orphan))).toThrow(
        expect.objectContaining({ name: 'UiAdapterError', reason: 'no-engine' }),
      );
    } finally {
      console.error = original;
    }
  });

  it('a component mounted after engine.stop() shows the closed view; unmount unsubscribes', async () => {
    const r = await phoneFlowRig();
    const { unmount } = render(createElement(LoginScreen, { engine: r.engine }));
    act(() => r.engine.stop());
    expect(screen.getByTestId('screen').textContent).toBe('closed');
    unmount();
    render(createElement(LoginScreen, { engine: r.engine }));
    expect(screen.getByTestId('screen').textContent).toBe('closed');
  });
});
