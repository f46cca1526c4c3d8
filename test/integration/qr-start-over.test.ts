/**
 * QR login after a migration that started over (found by the other-logins model's simple paths): a
 * user of DC 4 accepts the code, the import there dies with AUTH_TOKEN_EXPIRED, a fresh code is shown
 * and a user of the engine's own DC accepts it. The login is on DC 1, where the export answered
 * success, not on DC 4 where the abandoned import was: the session's home DC and a logout say so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSession, memoryStore, type AuthEngine, type AuthView } from '../../src/machines/index.js';
import { account, createWorld, settle, waitFor, type Mode, type World } from './sim-world.js';

/** The first idle QR link that differs from `previous`. */
async function nextLink(engine: AuthEngine, previous?: string): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const v: AuthView = engine.getSnapshot();
    if (v.status === 'waitQrConfirmation' && !v.busy && v.link !== undefined && v.link !== previous)
      return v.link;
    if (v.error) throw new TypeError(`QR failed: ${JSON.stringify(v)}`);
    await settle(10);
  }
  throw new TypeError(`no new QR link; at ${JSON.stringify(engine.getSnapshot())}`);
}

describe.each<Mode>(['memory', 'tcp'])('QR login that started over (%s)', (mode) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(mode, `qr-start-over-${mode}`);
  });
  afterAll(() => w.close());

  it('an expired import on DC 4, then a DC-1 user accepts the fresh code: logged in on DC 1', async () => {
    const far = account(w, { dcId: 4 });
    const near = account(w, { dcId: 1 });
    const store = memoryStore();
    const engine = w.engine({ store });
    await waitFor(engine, 'waitPhoneNumber');
    engine.send({ type: 'qr.start' });
    const first = await nextLink(engine);
    w.sim.faults.reject('auth.importLoginToken', 400, 'AUTH_TOKEN_EXPIRED', 1);
    w.sim.approveQr(first, far.id);
    const second = await nextLink(engine, first);
    expect(w.sim.faults.snapshot().rejections).toEqual([]);

    w.sim.approveQr(second, near.id);
    expect((await waitFor(engine, 'ready')).user.id).toBe(String(near.id));
    expect(decodeSession(store.bytes!).homeDcId).toBe(1);

    engine.send({ type: 'logout.request' });
    const out = await waitFor(engine, 'waitPhoneNumber');
    expect(out.error).toBeUndefined();
  });
});
