/**
 * Issue 11: engines share one provided machine (its StateNode tree is built once per process) and
 * each engine's actors still reach only that engine's ports, found through its actor system.
 */
import { describe, expect, it } from 'vitest';
import { parseRsaPublicKey, SIMULATOR_RSA_PUBLIC_KEY_PEM } from '../../src/crypto/index.js';
import { createTransportRpc, memoryStore } from '../../src/machines/index.js';
import { memoryDuplexPair } from '../../src/transport/index.js';
import { ManualClock } from '../helpers/manual-clock.js';
import { appCode, authorization, user } from './fixtures.js';
import { queued, rig, settle } from './harness.js';

describe('engines share their machine definitions', () => {
  it('two engines run on the same provided machine, each calling its own rpc with its own options', async () => {
    const store = memoryStore();
    const signedIn = authorization({ futureAuthToken: new Uint8Array([0xf1, 0x7e]) });
    const a = await rig(queued({ 'auth.sendCode': [appCode], 'auth.signIn': [signedIn] }), { apiId: 1, store });
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
    // The future auth token reached this engine's session through its ports (handed on unbound).
    expect(JSON.parse(new TextDecoder().decode(store.bytes))).toMatchObject({ futureAuthTokens: ['f17e'] });
    expect(b.engine.getSnapshot().status).toBe('waitCode');
    expect(b.rpc.callsOf('auth.signIn')).toHaveLength(0);
    a.engine.stop();
    b.engine.stop();
  });

  it('every DC link of every transport runs the same key machine, each on its own connection', () => {
    const dialed: number[] = [];
    const transport = () =>
      createTransportRpc({
        dcs: [{ dcId: 1, host: '127.0.0.1', port: 1 }, { dcId: 2, host: '127.0.0.1', port: 2 }],
        dial: (dc) => (dialed.push(dc.dcId), memoryDuplexPair()[0]),
        clock: new ManualClock(),
        rsaKeys: [parseRsaPublicKey(SIMULATOR_RSA_PUBLIC_KEY_PEM)],
        apiId: 1,
        pingIntervalMs: 0,
      });
    const [a, b] = [transport(), transport()];
    for (const t of [a, b]) for (const dcId of [1, 2]) t.invoke(dcId, { _: 'help.getConfig' }).subscribe({ error: () => undefined });
    expect(dialed).toEqual([1, 2, 1, 2]);
    const keyActors = [a.keyActor(1), a.keyActor(2), b.keyActor(1), b.keyActor(2)];
    expect(new Set(keyActors.map((k) => (k as unknown as { logic: unknown }).logic)).size).toBe(1);
    expect(keyActors.map((k) => k!.getSnapshot().context.dcId)).toEqual([1, 2, 1, 2]);
    expect(new Set(keyActors.map((k) => k!.system)).size).toBe(4);
    a.close();
    b.close();
  });
});
