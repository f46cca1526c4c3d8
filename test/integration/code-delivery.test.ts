/**
 * Issue 6 "Must show": every SentCodeType, the resend chain with its countdown, cancel and the
 * missing-code report, engine <-> simulator in memory and over TCP. Each test sets its path up
 * through the simulator's control API (accounts, switches, inbox).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirebaseHost } from '../../src/machines/index.js';
import { account, createWorld, lastCode, settle, waitFor, type Mode, type World } from './sim-world.js';

describe.each<Mode>(['memory', 'tcp'])('code delivery (%s)', (mode) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(mode, `codes-${mode}`);
  });
  afterAll(() => w.close());

  async function codeScreen(phone: string, extra: Parameters<World['engine']>[0] = {}) {
    const engine = w.engine(extra);
    await waitFor(engine, 'waitPhoneNumber');
    engine.send({ type: 'phone.submit', phone });
    return { engine, view: await waitFor(engine, 'waitCode') };
  }

  it('app code, then resend through sms and call with the countdown on the shared clock', async () => {
    const a = account(w, { withSession: true });
    const { engine, view } = await codeScreen(a.phone);
    expect(view).toMatchObject({ codeInfo: { type: 'app', length: 5 }, nextType: 'sms', resendInSeconds: 60 });
    expect(w.sim.inbox(a.phone).at(-1)?.channel).toBe('app');
    w.clock.advance(25_000);
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitCode', resendInSeconds: 35 });
    w.clock.advance(35_000);
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitCode', resendInSeconds: 0 });
    engine.send({ type: 'code.resend' });
    await settle();
    const sms = await waitFor(engine, 'waitCode');
    expect(sms).toMatchObject({ codeInfo: { type: 'sms', length: 5 }, nextType: 'call', resendInSeconds: 60 });
    expect(w.sim.inbox(a.phone).at(-1)?.channel).toBe('sms');
    w.clock.advance(60_000);
    engine.send({ type: 'code.resend' });
    await settle();
    const call = await waitFor(engine, 'waitCode');
    expect(call.codeInfo).toEqual({ type: 'call', length: 5 });
    expect(call.nextType).toBeUndefined();
    engine.send({ type: 'code.submit', code: lastCode(w.sim, a.phone) });
    expect((await waitFor(engine, 'ready')).user).toMatchObject({ id: String(a.id), firstName: 'Ada' });
  });

  it('sms first for an account with no other session', async () => {
    const a = account(w);
    const { engine, view } = await codeScreen(a.phone);
    expect(view).toMatchObject({ codeInfo: { type: 'sms', length: 5 }, nextType: 'call' });
    engine.send({ type: 'code.submit', code: lastCode(w.sim, a.phone) });
    await waitFor(engine, 'ready');
  });

  it.each([
    ['flash call', { allowFlashcall: true }, { type: 'flashCall', pattern: '+99966*****' }],
    ['missed call', { allowMissedCall: true }, { type: 'missedCall', prefix: '+99966', length: 5 }],
  ] as const)('%s after a resend when the host allows it', async (_name, codeSettings, codeInfo) => {
    const a = account(w);
    const { engine, view } = await codeScreen(a.phone, { codeSettings });
    expect(view.nextType).toBe(codeInfo.type);
    w.clock.advance(60_000);
    engine.send({ type: 'code.resend' });
    await settle();
    expect((await waitFor(engine, 'waitCode')).codeInfo).toEqual(codeInfo);
    engine.send({ type: 'code.submit', code: lastCode(w.sim, a.phone) });
    await waitFor(engine, 'ready');
  });

  it('e-mail code for an account with a login e-mail', async () => {
    const a = account(w, { loginEmail: 'ada@example.com' });
    const engine = w.engine();
    await waitFor(engine, 'waitPhoneNumber');
    engine.send({ type: 'phone.submit', phone: a.phone });
    const view = await waitFor(engine, 'waitEmailCode');
    expect(view).toMatchObject({ purpose: 'login', emailPattern: 'a***@example.com', length: 5 });
    engine.send({ type: 'emailCode.submit', code: lastCode(w.sim, 'ada@example.com') });
    await waitFor(engine, 'ready');
  });

  it('fragment SMS (forced through the login record: the simulator has no switch for it)', async () => {
    const a = account(w);
    const { engine } = await codeScreen(a.phone);
    const login = [...w.sim.state.logins.values()].find((l) => l.phone === a.phone)!;
    login.next = ['fragmentSms'];
    w.clock.advance(60_000);
    engine.send({ type: 'code.resend' });
    await settle();
    const view = await waitFor(engine, 'waitCode');
    expect(view.codeInfo).toEqual({ type: 'fragmentSms', url: 'https://fragment.com/login', length: 5 });
    expect(w.sim.inbox(a.phone).at(-1)?.channel).toBe('fragment');
    engine.send({ type: 'code.submit', code: lastCode(w.sim, a.phone) });
    await waitFor(engine, 'ready');
  });

  it('Firebase SMS: the host proves device integrity, the simulator releases the SMS', async () => {
    const a = account(w, { switches: { firebaseRequired: true } });
    const challenges: unknown[] = [];
    const firebase: FirebaseHost = {
      obtainProof: (challenge) => {
        challenges.push(challenge);
        return Promise.resolve({ safetyNetToken: 'device-ok' });
      },
    };
    const { engine, view } = await codeScreen(a.phone, { firebase, codeSettings: { allowFirebase: true } });
    expect(view.codeInfo).toEqual({ type: 'firebaseSms', length: 5 });
    expect(challenges).toHaveLength(1);
    await settle();
    expect(w.sim.inbox(a.phone).at(-1)).toMatchObject({ channel: 'sms' });
    engine.send({ type: 'code.submit', code: lastCode(w.sim, a.phone) });
    await waitFor(engine, 'ready');
  });

  it('editing the number cancels the code on the server', async () => {
    const a = account(w);
    const { engine } = await codeScreen(a.phone);
    const pending = () => [...w.sim.state.logins.values()].filter((l) => l.phone === a.phone).length;
    expect(pending()).toBe(1);
    engine.send({ type: 'phone.edit' });
    await waitFor(engine, 'waitPhoneNumber');
    await settle();
    expect(pending()).toBe(0);
  });

  it('reports a missing code and stays on the code screen', async () => {
    const a = account(w);
    const { engine } = await codeScreen(a.phone);
    const rejected: string[] = [];
    engine.on('command.rejected', (e) => rejected.push(e.command));
    engine.send({ type: 'code.reportMissing', mnc: '01' });
    await settle();
    const view = await waitFor(engine, 'waitCode');
    expect(view.error).toBeUndefined();
    expect(rejected).toEqual([]);
    engine.send({ type: 'code.submit', code: lastCode(w.sim, a.phone) });
    await waitFor(engine, 'ready');
  });
});
