/**
 * Issue 11: engines share one provided machine (its StateNode tree is built once per process) and
 * each engine's actors still reach only that engine's ports, found through its actor system.
 */
import { describe, expect, it } from 'vitest';
import { appCode, authorization, user } from './fixtures.js';
import { queued, rig, settle } from './harness.js';

describe('engines share their machine definitions', () => {
  it('two engines run on the same provided machine, each calling its own rpc with its own options', async () => {
    const a = await rig(queued({ 'auth.sendCode': [appCode], 'auth.signIn': [authorization()] }), { apiId: 1 });
    const b = await rig(queued({ 'auth.sendCode': [appCode] }), { apiId: 2, codeSettings: { allowFlashcall: true } });
    expect(a.engine.actor.logic).toBe(b.engine.actor.logic);

    a.engine.send({ type: 'phone.submit', phone: '9996620001' });
    b.engine.send({ type: 'phone.submit', phone: '9996620002' });
    await settle();
    expect(a.rpc.calls.map((c) => c.request)).toMatchObject([{ _: 'auth.sendCode', phoneNumber: '9996620001', apiId: 1 }]);
    expect(b.rpc.calls.map((c) => c.request)).toMatchObject([
      { _: 'auth.sendCode', phoneNumber: '9996620002', apiId: 2, settings: { allowFlashcall: true } },
    ]);
    expect(a.rpc.calls[0]!.request).not.toHaveProperty('settings.allowFlashcall');

    a.engine.send({ type: 'code.submit', code: '12345' });
    await settle();
    await settle();
    expect(a.engine.getSnapshot()).toMatchObject({ status: 'ready', user: { id: String(user.id) } });
    expect(b.engine.getSnapshot().status).toBe('waitCode');
    expect(b.rpc.callsOf('auth.signIn')).toHaveLength(0);
    a.engine.stop();
    b.engine.stop();
  });
});
