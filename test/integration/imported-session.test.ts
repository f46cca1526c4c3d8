/**
 * Issue 23: a session imported from a GramJS or Telethon string has an authorized key but no user
 * id. The engine asks the server who we are (users.getUsers of inputUserSelf) and starts `ready`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sessionOf } from '../../src/adapters/session-strings/index.js';
import { fromGramjsSession, toGramjsSession } from '../../src/adapters/session-strings/index.js';
import { decodeSession, encodeSession, memoryStore } from '../../src/machines/index.js';
import { account, createWorld, lastCode, waitFor, type World } from './sim-world.js';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('an imported session without a user id', () => {
  it('starts ready as the user the key belongs to', async () => {
    world = await createWorld('memory', 'imported');
    const user = account(world, { dcId: 2 });
    const store = memoryStore();
    const first = world.engine({ store, pfs: false });
    await waitFor(first, 'waitPhoneNumber');
    first.send({ type: 'phone.submit', phone: user.phone });
    await waitFor(first, 'waitCode');
    first.send({ type: 'code.submit', code: lastCode(world.sim, user.phone) });
    await waitFor(first, 'ready');
    first.stop();
    // Through a GramJS string and back: the key and DC survive, the user id does not.
    const data = decodeSession(store.bytes!);
    const key = data.authKeys![data.homeDcId]!.key;
    const gramjs = toGramjsSession({ dcId: data.homeDcId, authKey: key, host: '127.0.0.1', port: 443 });
    const imported = sessionOf(fromGramjsSession(gramjs));
    expect(imported.user).toBeUndefined();
    const second = world.engine({ store: memoryStore(encodeSession(imported)), pfs: false });
    const ready = await waitFor(second, 'ready');
    expect(ready.user.id).toBe(user.id.toString());
  });

  it('a stored key that is not logged in still starts at the phone screen', async () => {
    world = await createWorld('memory', 'imported-anon');
    const store = memoryStore();
    const first = world.engine({ store, pfs: false });
    await waitFor(first, 'waitPhoneNumber');
    first.send({ type: 'phone.submit', phone: account(world, { dcId: 2 }).phone });
    await waitFor(first, 'waitCode');
    first.stop();
    expect(decodeSession(store.bytes!).authKeys?.[2]).toBeDefined();
    const second = world.engine({ store: memoryStore(store.bytes), pfs: false });
    const view = await waitFor(second, 'waitPhoneNumber');
    expect(view.error).toBeUndefined();
  });
});
