/** adapters/rx: selectors with de-duplication and status-narrowed streams, over a real engine. */
import { from } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { AuthView } from '../../../src/machines/index.js';
import {
  busy$,
  error$,
  selectView,
  shallowEqual,
  status$,
  viewIn$,
  whenStatus,
} from '../../../src/adapters/rx/index.js';
import { phoneFlowRig, steps } from './phone-flow.js';

describe('rx adapter', () => {
  it('selectView emits the current selection first, then only changes, through phone -> code -> ready', async () => {
    const r = await phoneFlowRig();
    const statuses: string[] = [];
    const codeShape: unknown[] = [];
    const busy: boolean[] = [];
    const errors: (string | undefined)[] = [];
    status$(r.engine).subscribe((s) => statuses.push(s));
    // A selector that builds an object each time: shallowEqual keeps one emission per real change.
    selectView(
      r.engine,
      (v) =>
        v.status === 'waitCode'
          ? { phone: v.phone, type: v.codeInfo.type }
          : { phone: undefined, type: undefined },
      shallowEqual,
    ).subscribe((x) => codeShape.push(x));
    busy$(r.engine).subscribe((b) => busy.push(b));
    error$(r.engine).subscribe((e) => errors.push(e?.type));
    expect(statuses).toEqual(['waitPhoneNumber']);

    await steps.phone(r);
    await r.tick(2); // the resend countdown changes the view but none of the selections above
    await steps.wrongCode(r);
    await steps.rightCode(r);

    expect(statuses).toEqual(['waitPhoneNumber', 'waitCode', 'ready']);
    expect(codeShape).toEqual([
      { phone: undefined, type: undefined },
      { phone: '9996621234', type: 'app' },
      { phone: undefined, type: undefined },
    ]);
    expect(busy).toEqual([false, true, false, true, false, true, false]);
    expect(errors).toEqual([undefined, 'PHONE_CODE_INVALID', undefined]);
  });

  it('without a compare, an object selector emits on every visible change (why shallowEqual exists)', async () => {
    const r = await phoneFlowRig();
    await steps.phone(r);
    const seen: unknown[] = [];
    selectView(r.engine, (v) => ({ status: v.status })).subscribe((x) => seen.push(x));
    await r.tick(2);
    expect(seen.length).toBe(3); // current + two countdown ticks, all { status: 'waitCode' }
  });

  it('viewIn$ narrows to one status; whenStatus resolves on arrival', async () => {
    const r = await phoneFlowRig();
    const countdown: (number | undefined)[] = [];
    viewIn$(r.engine, 'waitCode').subscribe((v) => countdown.push(v.resendInSeconds));
    const ready = whenStatus(r.engine, 'ready');
    await steps.phone(r);
    await r.tick(3);
    await steps.wrongCode(r);
    await steps.rightCode(r);
    expect(countdown.slice(0, 4)).toEqual([3, 2, 1, 0]);
    expect((await ready).user.firstName).toBe('Ada');
  });

  it('from(engine) and views after stop(): a late subscriber still gets the last view, then completion', async () => {
    const r = await phoneFlowRig();
    const fromEngine: string[] = [];
    from(r.engine).subscribe((v: AuthView) => fromEngine.push(v.status));
    r.engine.stop();
    expect(fromEngine).toEqual(['waitPhoneNumber', 'closed']);
    const late: string[] = [];
    let completed = false;
    status$(r.engine).subscribe({ next: (s) => late.push(s), complete: () => (completed = true) });
    expect(late).toEqual(['closed']);
    expect(completed).toBe(true);
    await expect(whenStatus(r.engine, 'ready')).rejects.toThrow(/no elements/);
  });
});
