/**
 * Issue 7 "Must show", the QR half, end to end against the simulator (memory pipes and TCP): QR on
 * the same DC; accepted by a user of another DC without and with 2FA (loginTokenMigrateTo ->
 * importLoginToken there); the token re-exported when it expires (driven by the ManualClock, not a
 * fixed period); AUTH_TOKEN_EXPIRED while importing on the target DC recovered by exporting again;
 * approval from a second, logged-in engine (`qr.approve` -> acceptLoginToken) with its errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSession, memoryStore, type AuthEngine, type AuthView } from '../../src/machines/index.js';
import { account, createWorld, lastCode, settle, waitFor, waitForError, type Mode, type World } from './sim-world.js';

type QrView = Extract<AuthView, { status: 'waitQrConfirmation' }>;

describe.each<Mode>(['memory', 'tcp'])('QR login (%s)', (mode) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(mode, `qr-${mode}`);
  });
  afterAll(() => w.close());

  /** A fresh engine showing its first QR link. */
  async function showQr(engine: AuthEngine = w.engine()): Promise<{ engine: AuthEngine; view: QrView & { link: string } }> {
    await waitFor(engine, 'waitPhoneNumber');
    engine.send({ type: 'qr.start' });
    const view = await nextLink(engine);
    return { engine, view };
  }

  /** The first idle QR view whose link differs from `previous`. */
  async function nextLink(engine: AuthEngine, previous?: string): Promise<QrView & { link: string }> {
    for (let i = 0; i < 500; i++) {
      const v = engine.getSnapshot();
      if (v.status === 'waitQrConfirmation' && !v.busy && v.link !== undefined && v.link !== previous) return { ...v, link: v.link };
      if (v.error) throw new TypeError(`QR failed: ${JSON.stringify(v)}`);
      await settle(10);
    }
    throw new TypeError(`no new QR link; at ${JSON.stringify(engine.getSnapshot())}`);
  }

  it('same DC: the link, its expiry, approval, then ready as that user', async () => {
    const a = account(w);
    const { engine, view } = await showQr();
    expect(view.link).toMatch(/^tg:\/\/login\?token=[A-Za-z0-9_-]+$/);
    expect(view.expiresAt).toBe(Math.floor(w.sim.clock.now() / 1000) + 30);
    w.sim.approveQr(view.link, a.id);
    expect((await waitFor(engine, 'ready')).user.id).toBe(String(a.id));
  });

  it('accepted by a user of DC 4 without 2FA: migrate-to, importLoginToken on DC 4, home DC 4', async () => {
    const a = account(w, { dcId: 4 });
    const store = memoryStore();
    const { engine, view } = await showQr(w.engine({ store }));
    w.sim.approveQr(view.link, a.id);
    expect((await waitFor(engine, 'ready')).user.id).toBe(String(a.id));
    expect(decodeSession(store.bytes!).homeDcId).toBe(4);
    // The login happened on a key the engine made on DC 4, and that key is the user's.
    expect(w.sim.keys(4).some((k) => k.userId === a.id)).toBe(true);
  });

  it('accepted by a user of DC 4 with 2FA: the password is asked and checked on DC 4', async () => {
    const a = account(w, { dcId: 4 });
    await w.sim.setPassword(a.id, 'qr secret', { hint: 'qr' });
    const store = memoryStore();
    const { engine, view } = await showQr(w.engine({ store }));
    w.sim.approveQr(view.link, a.id);
    expect(await waitFor(engine, 'waitPassword')).toMatchObject({ hint: 'qr' });
    engine.send({ type: 'password.submit', password: 'wrong' });
    expect(await waitForError(engine)).toMatchObject({ status: 'waitPassword', error: { type: 'PASSWORD_HASH_INVALID' } });
    engine.send({ type: 'password.submit', password: 'qr secret' });
    expect((await waitFor(engine, 'ready')).user.id).toBe(String(a.id));
    expect(decodeSession(store.bytes!).homeDcId).toBe(4);
  });

  it('a DC-4 engine approves the DC-1 QR code: both end up logged in as that user, the new one on DC 4', async () => {
    const a = account(w, { dcId: 4 });
    const approver = w.engine();
    await waitFor(approver, 'waitPhoneNumber');
    approver.send({ type: 'phone.submit', phone: a.phone });
    await waitFor(approver, 'waitCode');
    approver.send({ type: 'code.submit', code: lastCode(w.sim, a.phone) });
    await waitFor(approver, 'ready');
    const store = memoryStore();
    const { engine, view } = await showQr(w.engine({ store }));
    approver.send({ type: 'qr.approve', link: view.link });
    await readyWith(approver, (v) => v.approvedDevice !== undefined);
    expect((await waitFor(engine, 'ready')).user.id).toBe(String(a.id));
    expect(decodeSession(store.bytes!).homeDcId).toBe(4);
  });

  it('except_ids: a user already on this device cannot accept; switching back to the phone screen works', async () => {
    const a = account(w);
    const engine = w.engine();
    await waitFor(engine, 'waitPhoneNumber');
    engine.send({ type: 'qr.start', exceptIds: [a.id] });
    const view = await nextLink(engine);
    expect(() => w.sim.approveQr(view.link, a.id)).toThrow(/except_ids/);
    engine.send({ type: 'phone.start' });
    await waitFor(engine, 'waitPhoneNumber');
  });

  it('the token is exported again when it expires, not before (manual clock)', async () => {
    const a = account(w);
    const { engine, view: first } = await showQr();
    w.clock.advance(29_000);
    await settle(50);
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitQrConfirmation', link: first.link });
    w.clock.advance(1_500);
    const second = await nextLink(engine, first.link);
    expect(second.expiresAt).toBeGreaterThan(first.expiresAt!);
    // The old token is dead on the server; the shown one works.
    expect(() => w.sim.approveQr(first.link, a.id)).toThrow(/expired/);
    w.sim.approveQr(second.link, a.id);
    expect((await waitFor(engine, 'ready')).user.id).toBe(String(a.id));
  });

  it('AUTH_TOKEN_EXPIRED while importing on the target DC: a fresh token is exported, the login still ends ready', async () => {
    const a = account(w, { dcId: 4 });
    w.sim.faults.reject('auth.importLoginToken', 400, 'AUTH_TOKEN_EXPIRED', 1);
    const { engine, view: first } = await showQr();
    w.sim.approveQr(first.link, a.id);
    const second = await nextLink(engine, first.link);
    expect(w.sim.faults.snapshot().rejections).toEqual([]);
    expect(engine.getSnapshot().error).toBeUndefined();
    w.sim.approveQr(second.link, a.id);
    expect((await waitFor(engine, 'ready')).user.id).toBe(String(a.id));
  });

  it('approved from a second engine that is logged in: acceptLoginToken, the device in its view', async () => {
    const a = account(w);
    const approver = w.engine();
    await waitFor(approver, 'waitPhoneNumber');
    approver.send({ type: 'phone.submit', phone: a.phone });
    await waitFor(approver, 'waitCode');
    approver.send({ type: 'code.submit', code: lastCode(w.sim, a.phone) });
    await waitFor(approver, 'ready');

    // Not a tg://login link: refused before any request.
    approver.send({ type: 'qr.approve', link: 'https://example.com/?token=abc' });
    expect(await waitForError(approver)).toMatchObject({ status: 'ready', error: { type: 'QR_LINK_INVALID' } });

    const { engine, view } = await showQr();
    approver.send({ type: 'qr.approve', link: view.link });
    const approved = await readyWith(approver, (v) => v.approvedDevice !== undefined);
    expect(approved.approvedDevice).toMatchObject({ dateCreated: expect.any(Number) });
    expect(approved.error).toBeUndefined();
    expect((await waitFor(engine, 'ready')).user.id).toBe(String(a.id));

    // An expired link: the server's error, and the approver stays logged in.
    const late = await showQr();
    w.clock.advance(29_999);
    w.sim.clock.advance(5_000);
    approver.send({ type: 'qr.approve', link: late.view.link });
    expect(await waitForError(approver)).toMatchObject({ status: 'ready', error: { type: 'AUTH_TOKEN_EXPIRED' } });
  });
});

/** The first idle `ready` view that satisfies `test`. */
async function readyWith(engine: AuthEngine, test: (v: Extract<AuthView, { status: 'ready' }>) => boolean): Promise<Extract<AuthView, { status: 'ready' }>> {
  for (let i = 0; i < 500; i++) {
    const v = engine.getSnapshot();
    if (v.status === 'ready' && !v.busy && test(v)) return v;
    await settle(10);
  }
  throw new TypeError(`not there; at ${JSON.stringify(engine.getSnapshot())}`);
}
