/**
 * adapters/svelte: the store contract (svelte.dev/docs/svelte-store) checked with svelte/store's
 * own `get` and `derived`, over an engine on the stub RPC driven phone -> code -> ready. Components
 * would need the svelte compiler in vitest; `$store` in a component is exactly subscribe/unsubscribe.
 */
import { derived, get, type Readable } from 'svelte/store';
import type { AuthView } from '../../../src/machines/index.js';
import { describe, expect, it } from 'vitest';
import {
  authStore,
  selectStore,
  shallowEqual,
  statusStore,
  viewInStore,
} from '../../../src/adapters/svelte/index.js';
import { phoneFlowRig, steps } from '../rx/phone-flow.js';

describe('svelte adapter', () => {
  it('subscribe calls back at once and returns an unsubscriber; get() and derived() follow the flow', async () => {
    const r = await phoneFlowRig();
    const auth = authStore(r.engine);
    const calls: string[] = [];
    const unsubscribe = auth.subscribe((v) => calls.push(v.status));
    expect(calls).toEqual(['waitPhoneNumber']); // synchronously, as the contract requires
    expect(typeof unsubscribe).toBe('function');

    const greeting = derived(auth, (v) => (v.status === 'ready' ? `hello ${v.user.firstName}` : v.status));
    const greetings: string[] = [];
    const stopGreeting = greeting.subscribe((g) => greetings.push(g));
    const code = viewInStore(r.engine, 'waitCode');
    const countdown: (number | undefined)[] = [];
    const stopCode = code.subscribe((v) => countdown.push(v?.resendInSeconds));

    await steps.phone(r);
    expect(get(statusStore(r.engine))).toBe('waitCode');
    expect(get(code)?.codeInfo).toEqual({ type: 'app', length: 5 });
    await r.tick(1);
    await steps.wrongCode(r);
    expect(get(auth).error?.type).toBe('PHONE_CODE_INVALID');
    await steps.rightCode(r);
    expect(get(auth).status).toBe('ready');

    expect(greetings.filter((g, i) => g !== greetings[i - 1])).toEqual([
      'waitPhoneNumber',
      'waitCode',
      'hello Ada',
    ]);
    expect(countdown.filter((c, i) => i === 0 || c !== countdown[i - 1])).toEqual([
      undefined,
      3,
      2,
      undefined,
    ]);
    unsubscribe();
    stopGreeting();
    stopCode();
    const before = calls.length;
    r.engine.send({ type: 'logout.request' });
    await r.tick(1);
    expect(r.engine.getSnapshot().status).not.toBe('ready');
    expect(calls.length).toBe(before); // unsubscribed: nothing more arrives
  });

  it('selectStore notifies only on a changed selection', async () => {
    const r = await phoneFlowRig();
    await steps.phone(r);
    const seen: unknown[] = [];
    const stop = selectStore(r.engine, (v) => ({ status: v.status, busy: v.busy }), shallowEqual).subscribe(
      (x) => seen.push(x),
    );
    await r.tick(3);
    expect(seen).toEqual([{ status: 'waitCode', busy: false }]);
    stop();
  });

  it('the engine object itself satisfies the store contract (`$engine` in a component)', async () => {
    const r = await phoneFlowRig();
    // At run time `subscribe` returns an rxjs Subscription, which Svelte accepts ({ unsubscribe });
    // the TypeScript `Readable` wants a function, hence the cast (facade gap reported).
    const store = r.engine as unknown as Readable<AuthView>;
    expect(get(store).status).toBe('waitPhoneNumber');
    const status = derived(store, (v) => v.status);
    await steps.phone(r);
    expect(get(status)).toBe('waitCode');
  });

  it('after engine.stop() a new subscriber still receives the last view at once', async () => {
    const r = await phoneFlowRig();
    r.engine.stop();
    expect(get(authStore(r.engine)).status).toBe('closed');
  });
});
