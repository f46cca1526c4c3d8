// @vitest-environment happy-dom
/**
 * adapters/vue with @vue/test-utils in happy-dom: a component (render function, no SFC compiler)
 * using the composables, an engine over the stub RPC driven phone -> code -> ready.
 */
import { mount } from '@vue/test-utils';
import { defineComponent, effectScope, h, nextTick } from 'vue';
import { describe, expect, it } from 'vitest';
import {
  injectAuthEngine,
  provideAuthEngine,
  shallowEqual,
  useAuth,
  useAuthSelector,
} from '../../../src/adapters/vue/index.js';
import type { AuthEngine } from '../../../src/machines/index.js';
import { phoneFlowRig, steps } from '../rx/phone-flow.js';

const Status = defineComponent({
  setup() {
    const engine = injectAuthEngine();
    const status = useAuthSelector(engine, (v) => v.status);
    return () => h('b', status.value);
  },
});

const LoginScreen = defineComponent({
  props: { engine: { type: Object as () => AuthEngine, required: true } },
  setup(props) {
    provideAuthEngine(props.engine);
    const view = useAuth(props.engine);
    return () => {
      const v = view.value;
      const line =
        v.status === 'waitCode'
          ? `code for ${v.phone}, resend in ${v.resendInSeconds}${v.error ? ` ${v.error.type}` : ''}`
          : v.status === 'ready'
            ? `hello ${v.user.firstName}`
            : v.status;
      return h('div', [h('p', line), h(Status)]);
    };
  },
});

describe('vue adapter', () => {
  it('a mounted component follows phone -> code -> ready, and unmounting unsubscribes', async () => {
    const r = await phoneFlowRig();
    const wrapper = mount(LoginScreen, { props: { engine: r.engine } });
    const text = () => [wrapper.find('p').text(), wrapper.find('b').text()];
    expect(text()).toEqual(['waitPhoneNumber', 'waitPhoneNumber']);

    await steps.phone(r);
    await nextTick();
    expect(text()).toEqual(['code for 9996621234, resend in 3', 'waitCode']);
    await r.tick(1);
    await nextTick();
    expect(text()[0]).toBe('code for 9996621234, resend in 2');
    await steps.wrongCode(r);
    await nextTick();
    expect(text()[0]).toBe('code for 9996621234, resend in 2 PHONE_CODE_INVALID');
    await steps.rightCode(r);
    await nextTick();
    expect(text()).toEqual(['hello Ada', 'ready']);

    // After unmount the engine's further views no longer reach the (gone) refs.
    const scope = effectScope();
    const view = scope.run(() => useAuth(r.engine))!;
    wrapper.unmount();
    scope.stop();
    r.engine.send({ type: 'logout.request' });
    await r.tick(1);
    expect(r.engine.getSnapshot().status).not.toBe('ready'); // the engine moved on...
    expect(view.value.status).toBe('ready'); // ...but the disposed scope's ref no longer follows
  });

  it('useAuthSelector with shallowEqual keeps one object across countdown ticks', async () => {
    const r = await phoneFlowRig();
    await steps.phone(r);
    const scope = effectScope();
    const sel = scope.run(() => useAuthSelector(r.engine, (v) => ({ status: v.status }), shallowEqual))!;
    const first = sel.value;
    const plain = scope.run(() => useAuth(r.engine))!;
    const firstView = plain.value;
    await r.tick(2);
    expect(sel.value).toBe(first);
    expect(plain.value).not.toBe(firstView); // the countdown did change the full view
    scope.stop();
  });

  it('injectAuthEngine without a provider throws UiAdapterError(no-engine)', () => {
    const original = console.warn;
    console.warn = () => undefined; // Vue warns about the thrown setup error
    try {
      expect(() => mount(Status)).toThrow(
        expect.objectContaining({ name: 'UiAdapterError', reason: 'no-engine' }),
      );
    } finally {
      console.warn = original;
    }
  });
});
