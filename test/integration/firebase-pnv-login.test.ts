/**
 * Firebase PNV login end to end: the real engine (firebasePnv.start, the flow machine, the software
 * provider) against the simulator, which verifies the tokens its own issuer key signed: a known
 * number logs in, a new one signs up only with the terms accepted, 2FA and redirects as in the other
 * flows, a platform without the API shows `unsupported`, a bad token fails on the flow's screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { softwareFirebasePnvProvider } from '../../src/adapters/firebase-pnv/index.js';
import { firebasePnvFlow, type AuthEngine } from '../../src/machines/index.js';
import { account, createWorld, freshPhone, waitFor, waitForError, type World } from './sim-world.js';

let w: World;
beforeAll(async () => {
  w = await createWorld('memory', 'firebase-pnv');
});
afterAll(() => w.close());

/** An engine whose device verifies `phone` (undefined: it cannot) with tokens from the simulator's issuer. */
function engineFor(phone: string | undefined, methods: string[] = []): AuthEngine {
  const off = w.sim.onCall((c) => methods.push(c.method));
  const e = w.engine({
    firebasePnv: firebasePnvFlow(
      softwareFirebasePnvProvider({ phone, issue: (p, nonce) => w.sim.issueFirebasePnvToken(p, nonce) }),
    ),
  });
  e.state$.subscribe({ complete: off });
  return e;
}

describe('Firebase PNV login through the engine', () => {
  it('a known number logs in on its DC', async () => {
    const a = account(w, { dcId: 1 });
    const methods: string[] = [];
    const e = engineFor(a.phone, methods);
    await waitFor(e, 'waitPhoneNumber');
    e.send({ type: 'firebasePnv.start' });
    expect((await waitFor(e, 'ready')).user.id).toBe(a.id.toString());
    expect(methods.filter((m) => m.startsWith('auth.') && m.includes('Pnv'))).toEqual([
      'auth.initFirebasePnvLogin',
      'auth.finishFirebasePnvLogin',
    ]);
  });

  it('a new number is redirected to its DC, then signs up only once the terms are accepted', async () => {
    const phone = freshPhone();
    const methods: string[] = [];
    const e = engineFor(phone, methods);
    await waitFor(e, 'waitPhoneNumber');
    e.send({ type: 'firebasePnv.start' });
    const reg = await waitFor(e, 'waitRegistration');
    expect(reg).toMatchObject({ phone, acceptanceRequired: true, termsOfService: { popup: false } });
    e.send({ type: 'registration.submit', firstName: 'Nia', acceptTerms: false });
    expect((await waitForError(e)).error?.type).toBe('TERMS_NOT_ACCEPTED');
    e.send({ type: 'registration.submit', firstName: 'Nia', lastName: 'Okafor', acceptTerms: true });
    const ready = await waitFor(e, 'ready');
    expect(ready.user).toMatchObject({ firstName: 'Nia', lastName: 'Okafor' });
    // Unknown numbers live on the simulator's "IP DC" (2): NETWORK_MIGRATE_2, then a fresh intent there.
    expect(w.sim.accounts.findByPhone(phone)?.dcId).toBe(2);
    expect(methods.filter((m) => /Pnv|TermsOfService/.test(m))).toEqual([
      'auth.initFirebasePnvLogin',
      'auth.finishFirebasePnvLogin',
      'auth.initFirebasePnvLogin',
      'auth.finishFirebasePnvLogin',
      'auth.firebasePnvSignUp',
      'help.acceptTermsOfService',
    ]);
  });

  it('2FA follows on the password screen', async () => {
    const a = account(w, { dcId: 1 });
    await w.sim.setPassword(a.id, 'pnv pass');
    const e = engineFor(a.phone);
    await waitFor(e, 'waitPhoneNumber');
    e.send({ type: 'firebasePnv.start' });
    await waitFor(e, 'waitPassword');
    e.send({ type: 'password.submit', password: 'pnv pass' });
    expect((await waitFor(e, 'ready')).user.id).toBe(a.id.toString());
  });

  it('a device that cannot verify shows unsupported; another method still works from there', async () => {
    const e = engineFor(undefined);
    await waitFor(e, 'waitPhoneNumber');
    e.send({ type: 'firebasePnv.start' });
    const view = await waitForError(e);
    expect(view).toMatchObject({ status: 'waitFirebasePnv', unsupported: true, error: { type: 'firebasePnv.unsupported' } });
    e.send({ type: 'phone.start' });
    expect((await waitFor(e, 'waitPhoneNumber')).error).toBeUndefined();
    // No flow at all: the engine's stand-in shows the same screen.
    const bare = w.engine();
    await waitFor(bare, 'waitPhoneNumber');
    bare.send({ type: 'firebasePnv.start' });
    expect(await waitForError(bare)).toMatchObject({ status: 'waitFirebasePnv', unsupported: true });
  });

  it('a token the server refuses fails on the flow screen, and firebasePnv.start tries again', async () => {
    const a = account(w, { dcId: 1 });
    let forged = true;
    const e = w.engine({
      firebasePnv: firebasePnvFlow(
        softwareFirebasePnvProvider({
          phone: a.phone,
          issue: (p, nonce) => (forged ? 'forged.token.value' : w.sim.issueFirebasePnvToken(p, nonce)),
        }),
      ),
    });
    await waitFor(e, 'waitPhoneNumber');
    e.send({ type: 'firebasePnv.start' });
    expect(await waitForError(e)).toMatchObject({ status: 'waitFirebasePnv', unsupported: false, error: { type: 'GOOGLE_TOKEN_INVALID' } });
    forged = false;
    e.send({ type: 'firebasePnv.start' });
    expect((await waitFor(e, 'ready')).user.id).toBe(a.id.toString());
  });
});
