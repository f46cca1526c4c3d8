/**
 * The simulator finds a user's logged-in keys without walking every key of the cluster: every
 * sendCode and sign-in asks (app code delivery, updateNewAuthorization to the other sessions), and a
 * walk per login made 10,000 logins against one simulator quadratic (the scale bench, issue 11).
 */
import { describe, expect, it, vi } from 'vitest';
import type { TlValue } from '../../src/simulator/index.js';
import { harness, loginTestNumber, sendCodeReq } from './sim-harness.js';

describe('simulator keys by user', () => {
  it('sendCode and sign-in do not list every key, and still see the other sessions of the user', async () => {
    const h = harness();
    for (let i = 0; i < 50; i++) h.connect(2);
    const first = h.connect(2);
    const userId = await loginTestNumber(first, '9996621234', '22222');
    const list = vi.spyOn(h.state.keys, 'list');
    const second = h.connect(2);
    // A second device: the code goes to the app (the user has a session), and the first session is told.
    const sent = (await second.call(sendCodeReq('9996621234'))) as TlValue;
    expect(sent).toMatchObject({ type: { _: 'auth.sentCodeTypeApp' } });
    const pushed: bigint[] = [];
    const push = vi.spyOn(h.state, 'pushUpdate').mockImplementation((id) => void pushed.push(id));
    await second.call({ _: 'auth.signIn', phoneNumber: '9996621234', phoneCodeHash: sent.phoneCodeHash as string, phoneCode: '22222' });
    expect(pushed).toEqual([first.keyId]);
    expect(list).not.toHaveBeenCalled();
    push.mockRestore();
    expect(h.state.keys.ofUser(userId).map((k) => k.id)).toEqual([first.keyId, second.keyId]);
  });

  it('forgets keys logged out, reset, removed or cleared by hand', async () => {
    const h = harness();
    const a = h.connect(2);
    const userId = await loginTestNumber(a, '9996621234', '22222');
    const b = h.connect(2);
    const c = h.connect(2);
    const d = h.connect(2);
    for (const k of [b, c, d]) h.state.keys.logIn(h.state.keys.get(k.keyId)!, userId);
    expect(h.state.keys.ofUser(userId)).toHaveLength(4);
    await b.call({ _: 'auth.logOut' });
    h.state.keys.remove(c.keyId);
    h.state.keys.get(d.keyId)!.userId = undefined;
    expect(h.state.keys.ofUser(userId).map((k) => k.id)).toEqual([a.keyId]);
    h.state.keys.add({ id: 0x9000n, dcId: 2, key: new Uint8Array(256), kind: 'perm', createdAt: h.state.now(), userId });
    expect(h.state.keys.ofUser(userId).map((k) => k.id)).toEqual([a.keyId, 0x9000n]);
  });
});
