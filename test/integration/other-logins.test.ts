/**
 * Issue 7 "Must show", the other ways in, end to end against the simulator (memory pipes and TCP):
 * bot login on the bot's DC (USER_MIGRATE), web token on the DC the host names, passkey login with
 * the software authenticator (valid on the user's DC, wrong credential, a user handle naming the
 * wrong DC), logOut then a login that sends the stored future_auth_token (sentCodeSuccess), and
 * resetAuthorizations seen from the other session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSoftwarePasskey, softwarePasskeyAuthenticator } from '../../src/adapters/passkey/index.js';
import { bytesToHex } from '../../src/crypto/index.js';
import { decodeSession, memoryStore, type AuthEngine } from '../../src/machines/index.js';
import { fixedRandom } from '../helpers/fixed-random.js';
import { account, createWorld, lastCode, waitFor, waitForError, type Mode, type World } from './sim-world.js';

/** Logs `phone` in with its code on `engine`. */
async function phoneLogin(w: World, phone: string, engine: AuthEngine): Promise<AuthEngine> {
  await waitFor(engine, 'waitPhoneNumber');
  engine.send({ type: 'phone.submit', phone });
  await waitFor(engine, 'waitCode');
  engine.send({ type: 'code.submit', code: lastCode(w.sim, phone) });
  await waitFor(engine, 'ready');
  return engine;
}

describe.each<Mode>(['memory', 'tcp'])('other logins (%s)', (mode) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(mode, `other-${mode}`);
  });
  afterAll(() => w.close());

  it("bot login: USER_MIGRATE to the bot's DC 3, ready there as the bot; a revoked secret is refused", async () => {
    const bot = w.sim.accounts.create({ dcId: 3, firstName: 'TestBot', bot: true, botToken: '0:placeholder' });
    const token = `${bot.id}:AAE-test-secret`;
    w.sim.accounts.update(bot.id, { botToken: token });
    const store = memoryStore();
    const engine = w.engine({ store });
    await waitFor(engine, 'waitPhoneNumber');
    engine.send({ type: 'bot.submit', token });
    expect((await waitFor(engine, 'ready')).user).toMatchObject({ id: String(bot.id), bot: true });
    expect(decodeSession(store.bytes!).homeDcId).toBe(3);
    expect(w.sim.keys(3).some((k) => k.userId === bot.id)).toBe(true);

    const other = w.engine();
    await waitFor(other, 'waitPhoneNumber');
    other.send({ type: 'bot.submit', token: `${bot.id}:revoked-secret` });
    expect((await waitForError(other)).error).toMatchObject({ type: 'ACCESS_TOKEN_EXPIRED' });
  });

  it('web token: imported on the DC the host names (2), single use', async () => {
    const a = account(w, { dcId: 2 });
    w.sim.accounts.update(a.id, { webTokens: ['web-token-1'] });
    const store = memoryStore();
    const engine = w.engine({ store });
    await waitFor(engine, 'waitPhoneNumber');
    engine.send({ type: 'webToken.submit', token: 'web-token-1', dcId: 2 });
    expect((await waitFor(engine, 'ready')).user.id).toBe(String(a.id));
    expect(decodeSession(store.bytes!).homeDcId).toBe(2);
    expect(w.sim.accounts.get(a.id)?.webTokens).toEqual([]);

    const again = w.engine();
    await waitFor(again, 'waitPhoneNumber');
    again.send({ type: 'webToken.submit', token: 'web-token-1', dcId: 2 });
    expect((await waitForError(again)).error).toMatchObject({ type: 'WEBAUTH_TOKEN_EXPIRED' });
  });

  describe('passkey', () => {
    it("valid: init on DC 1, finished on the user's DC 3 from the user handle (from_dc names DC 1)", async () => {
      const a = account(w, { dcId: 3 });
      const passkey = createSoftwarePasskey({ userHandle: `3:${a.id}`, random: fixedRandom(`pk-ok-${mode}`) });
      w.sim.accounts.update(a.id, { passkeys: [{ id: passkey.credentialId, publicKey: passkey.publicKey, name: 'key', signCount: 0 }] });
      const store = memoryStore();
      const engine = w.engine({ store, passkey: softwarePasskeyAuthenticator([passkey]) });
      await waitFor(engine, 'waitPhoneNumber');
      engine.send({ type: 'passkey.start' });
      expect((await waitFor(engine, 'ready')).user.id).toBe(String(a.id));
      expect(decodeSession(store.bytes!).homeDcId).toBe(3);
      // The server took the assertion's counter: the signature it verified was this authenticator's.
      expect(w.sim.accounts.get(a.id)?.passkeys[0]?.signCount).toBe(1);
    });

    it('wrong credential: the server knows the id under another public key -> CREDENTIAL_INVALID', async () => {
      const a = account(w, { dcId: 3 });
      const random = fixedRandom(`pk-bad-${mode}`);
      const passkey = createSoftwarePasskey({ userHandle: `3:${a.id}`, random });
      const registered = createSoftwarePasskey({ userHandle: `3:${a.id}`, random });
      w.sim.accounts.update(a.id, { passkeys: [{ id: passkey.credentialId, publicKey: registered.publicKey, name: 'key', signCount: 0 }] });
      const engine = w.engine({ passkey: softwarePasskeyAuthenticator([passkey]) });
      await waitFor(engine, 'waitPhoneNumber');
      engine.send({ type: 'passkey.start' });
      expect(await waitForError(engine)).toMatchObject({ status: 'waitPasskey', error: { type: 'CREDENTIAL_INVALID' } });
      expect(w.sim.keys().some((k) => k.userId === a.id)).toBe(false);
    });

    it('wrong DC: a user handle naming DC 2 for a user of DC 3 -> PASSKEY_CREDENTIAL_NOT_FOUND', async () => {
      const a = account(w, { dcId: 3 });
      const passkey = createSoftwarePasskey({ userHandle: `2:${a.id}`, random: fixedRandom(`pk-dc-${mode}`) });
      w.sim.accounts.update(a.id, { passkeys: [{ id: passkey.credentialId, publicKey: passkey.publicKey, name: 'key', signCount: 0 }] });
      const engine = w.engine({ passkey: softwarePasskeyAuthenticator([passkey]) });
      await waitFor(engine, 'waitPhoneNumber');
      engine.send({ type: 'passkey.start' });
      expect(await waitForError(engine)).toMatchObject({ status: 'waitPasskey', error: { type: 'PASSKEY_CREDENTIAL_NOT_FOUND' } });
      expect(w.sim.keys().some((k) => k.userId === a.id)).toBe(false);
    });
  });

  it('logOut keeps the future_auth_token; a restarted engine sends it and sendCode answers sentCodeSuccess', async () => {
    const a = account(w);
    const store = memoryStore();
    const engine = await phoneLogin(w, a.phone, w.engine({ store }));
    engine.send({ type: 'logout.request' });
    await waitFor(engine, 'waitPhoneNumber');
    engine.stop();
    // The login's authorization may carry one too; logOut's is the newest and the server knows it.
    const tokens = decodeSession(store.bytes!).futureAuthTokens.map(bytesToHex);
    expect(tokens.length).toBeGreaterThanOrEqual(1);
    const known = (): string[] => tokens.filter((hex) => w.sim.state.futureTokens.has(hex));
    const before = known();
    expect(before.length).toBeGreaterThanOrEqual(1);
    expect(w.sim.keys().some((k) => k.userId === a.id)).toBe(false);

    const codesBefore = w.sim.inbox(a.phone).length;
    const again = w.engine({ store: memoryStore(store.bytes) });
    await waitFor(again, 'waitPhoneNumber');
    again.send({ type: 'phone.submit', phone: a.phone });
    expect((await waitFor(again, 'ready')).user.id).toBe(String(a.id));
    // No code went out and the server consumed exactly one stored token.
    expect(w.sim.inbox(a.phone).length).toBe(codesBefore);
    expect(known()).toHaveLength(before.length - 1);
  });
});

describe.each<Mode>(['memory', 'tcp'])('resetAuthorizations (%s)', (mode) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(mode, `reset-${mode}`);
  });
  afterAll(() => w.close());

  it("is refused for a fresh session, then after a day ends the other engine's login", async () => {
    const a = account(w);
    // A 25 h jump: PFS off, the temp key lifetime is not what this test is about.
    const keysOf = (): bigint[] => w.sim.keys().filter((k) => k.userId === a.id).map((k) => k.id);
    const mine = await phoneLogin(w, a.phone, w.engine({ pfs: false }));
    const [myKey] = keysOf();
    const theirs = await phoneLogin(w, a.phone, w.engine({ pfs: false }));
    expect(keysOf()).toHaveLength(2);
    expect(w.sim.sessions().filter((s) => s.userId === a.id).length).toBeGreaterThanOrEqual(2);

    mine.send({ type: 'authorizations.reset' });
    expect(await waitForError(mine)).toMatchObject({ status: 'ready', error: { type: 'FRESH_RESET_AUTHORISATION_FORBIDDEN' } });

    w.clock.advance(25 * 3600_000);
    mine.send({ type: 'authorizations.reset' });
    await expect.poll(() => mine.getSnapshot()).toMatchObject({ status: 'ready', busy: false, otherSessionsReset: true });

    // One authorized key of this user is left: mine. The listing shows their session logged out.
    expect(keysOf()).toEqual([myKey]);
    const sessions = w.sim.sessions();
    expect(sessions.some((s) => s.authKeyId === myKey && s.userId === a.id)).toBe(true);
    expect(sessions.filter((s) => s.userId === a.id).every((s) => s.authKeyId === myKey)).toBe(true);

    // Their next call fails, and their engine drops to the phone screen; mine still works.
    await expect(theirs.invoke({ _: 'updates.getState' })).rejects.toMatchObject({ type: 'AUTH_KEY_UNREGISTERED' });
    await waitFor(theirs, 'waitPhoneNumber');
    await expect(mine.invoke({ _: 'updates.getState' })).resolves.toMatchObject({ _: 'updates.state' });
  });
});
