/**
 * A DC link whose key actor fails (a defect in it, or in a port it calls synchronously, such as a
 * key store that throws on save): the failure must reach the calls waiting for the key as a typed
 * error (no call may wait for a key that never comes), the next call must get a fresh link, and
 * nothing may surface as an uncaught exception in the host process (XState rethrows an actor's error on a
 * timer when nobody observes it).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import { AuthEngineError, type DcKeyStore } from '../../../src/machines/index.js';
import type { DcAuthKey } from '../../../src/transport/index.js';
import { closeSimTransports, simTransport } from './sim-transport.js';

afterEach(closeSimTransports);

/** A store whose first `failures` saves fail, as a full disk or a broken SQLite handle would. */
function failingStore(failures: number): DcKeyStore & { saves: number } {
  const keys = new Map<number, DcAuthKey>();
  const store = {
    saves: 0,
    authKey: (dcId: number) => keys.get(dcId),
    setAuthKey(dcId: number, key: DcAuthKey) {
      if (++store.saves <= failures) throw new RangeError('disk full');
      keys.set(dcId, key);
    },
    dropAuthKey: (dcId: number) => void keys.delete(dcId),
  };
  return store;
}

function rig(pfs: boolean, failures: number) {
  const keys = failingStore(failures);
  const { rpc } = simTransport({ name: 'key-fail', pfs, keys });
  return { rpc, keys };
}

describe('a DC link whose key actor fails', () => {
  const rejection = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: unknown) => e,
    );

  for (const pfs of [false, true]) {
    it(`rejects the waiting call with a typed error, and the next call gets a fresh link (pfs: ${pfs})`, async () => {
      const { rpc, keys } = rig(pfs, 1);
      const first = rpc.link(1);
      const error = await rejection(firstValueFrom(rpc.invoke(1, { _: 'help.getNearestDc' })));
      expect(keys.saves).toBe(1);
      expect(error).toBeInstanceOf(AuthEngineError);
      expect((error as AuthEngineError).code).toBe('dc.keyFailed');
      expect(((error as AuthEngineError).cause as Error).message).toBe('disk full');
      expect(rpc.link(1)?.failure).toBe(error);
      // The store works again: the next call opens a new link, makes a key and is answered.
      await expect(firstValueFrom(rpc.invoke(1, { _: 'help.getNearestDc' }))).resolves.toMatchObject({ _: 'nearestDc' });
      expect(keys.saves).toBe(2);
      expect(rpc.link(1)).not.toBe(first);
      expect(rpc.link(1)?.failure).toBeUndefined();
    });
  }

  it('with a store that keeps failing, every call fails with the typed error; none hangs', async () => {
    const { rpc, keys } = rig(false, Infinity);
    const calls = [1, 2, 3].map(() => rejection(firstValueFrom(rpc.invoke(1, { _: 'help.getNearestDc' }))));
    const errors = await Promise.all(calls);
    expect(errors.map((e) => (e as AuthEngineError).code)).toEqual(['dc.keyFailed', 'dc.keyFailed', 'dc.keyFailed']);
    expect(keys.saves).toBeGreaterThanOrEqual(1);
  });
});
