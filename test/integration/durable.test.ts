/**
 * Durable engine (issue 8 "Must show"): an engine stopped on the code, password or QR screen, or
 * in ready, comes back on the same screen after a restart over the file and SQLite stores, with
 * no request re-sent (counted on the simulator), the resend deadline kept as an absolute time, and
 * nothing secret in the stored bytes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileStore, sqliteStore } from '../../src/adapters/store/index.js';
import type { AuthEngine } from '../../src/machines/index.js';
import { account, createWorld, lastCode, waitFor, type World } from './sim-world.js';
import { countExecutions, until } from './pfs-helpers.js';

type Open = (path: string) => ReturnType<typeof fileStore>;
const kinds: [string, Open][] = [
  ['file', (p) => fileStore(p)],
  ['sqlite', (p) => sqliteStore(p)],
];

describe.each(kinds)('durable engine over the %s store', (kind, open) => {
  let w: World;
  let dir: string;
  let n = 0;
  beforeAll(async () => {
    w = await createWorld('memory', `durable-${kind}`);
    dir = mkdtempSync(join(tmpdir(), 'tgauth-durable-'));
  });
  const stores: ReturnType<Open>[] = [];
  afterAll(async () => {
    await w.close();
    // The engines' last writes (stop clears the pending record) land before the directory goes.
    await Promise.all(stores.map((s) => s.close().catch(() => undefined)));
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs `first` on an engine over a fresh store, stops it, and returns a second engine on the same file. */
  async function restart(
    first: (e: AuthEngine) => Promise<void>,
  ): Promise<{ engine: AuthEngine; path: string; counts: Map<string, number> }> {
    const path = join(dir, `s${n++}.${kind === 'file' ? 'json' : 'db'}`);
    const s1 = open(path);
    const e1 = w.engine({ store: s1 });
    await first(e1);
    await until(() => false, 10);
    e1.stop({ keepPendingLogin: true });
    await s1.close();
    const counts = countExecutions(w);
    const s2 = open(path);
    stores.push(s2);
    const engine = w.engine({ store: s2 });
    return { engine, path, counts };
  }

  it('waitCode: same screen, the resend countdown continues from its absolute deadline, nothing re-sent', async () => {
    const a = account(w);
    let resendBefore = 0;
    const { engine, counts } = await restart(async (e) => {
      await waitFor(e, 'waitPhoneNumber');
      e.send({ type: 'phone.submit', phone: a.phone });
      resendBefore = (await waitFor(e, 'waitCode')).resendInSeconds ?? 0;
      w.clock.advance(20_000);
    });
    expect(resendBefore).toBeGreaterThan(30);
    w.clock.advance(10_000); // the engine is down for 10 s
    const view = await waitFor(engine, 'waitCode');
    expect(view.resendInSeconds).toBe(resendBefore - 30);
    expect(counts.get('auth.sendCode')).toBeUndefined();
    engine.send({ type: 'code.submit', code: lastCode(w.sim, a.phone) });
    await waitFor(engine, 'ready');
    expect(counts.get('auth.sendCode')).toBeUndefined();
  });

  it('waitPassword: same screen (the SRP challenge fetched fresh), code not re-sent, password accepted', async () => {
    const a = account(w);
    await w.sim.setPassword(a.id, 'right horse', { hint: 'horse' });
    const { engine, path, counts } = await restart(async (e) => {
      await waitFor(e, 'waitPhoneNumber');
      e.send({ type: 'phone.submit', phone: a.phone });
      await waitFor(e, 'waitCode');
      e.send({ type: 'code.submit', code: lastCode(w.sim, a.phone) });
      await waitFor(e, 'waitPassword');
    });
    expect(await waitFor(engine, 'waitPassword')).toMatchObject({ hint: 'horse' });
    expect(counts.get('auth.sendCode')).toBeUndefined();
    expect(counts.get('auth.signIn')).toBeUndefined();
    expect(counts.get('account.getPassword')).toBe(1);
    if (kind === 'file') expect(readFileSync(path, 'utf8')).not.toContain(lastCode(w.sim, a.phone));
    engine.send({ type: 'password.submit', password: 'right horse' });
    expect((await waitFor(engine, 'ready')).user.id).toBe(String(a.id));
  });

  it('waitQrConfirmation: same screen with a new token (the old one was never stored)', async () => {
    let firstLink = '';
    const { engine, path, counts } = await restart(async (e) => {
      await waitFor(e, 'waitPhoneNumber');
      e.send({ type: 'qr.start' });
      firstLink = (await waitFor(e, 'waitQrConfirmation')).link ?? '';
    });
    const view = await waitFor(engine, 'waitQrConfirmation');
    expect(firstLink).toMatch(/^tg:\/\/login\?token=/);
    expect(view.link).not.toBe(firstLink);
    expect(counts.get('auth.exportLoginToken')).toBe(1);
    if (kind === 'file')
      expect(readFileSync(path, 'utf8')).not.toContain(firstLink.split('token=')[1] ?? 'no token');
  });

  it('ready: starts in ready with no RPC and no new key', async () => {
    const a = account(w);
    const { engine, counts } = await restart(async (e) => {
      await waitFor(e, 'waitPhoneNumber');
      e.send({ type: 'phone.submit', phone: a.phone });
      await waitFor(e, 'waitCode');
      e.send({ type: 'code.submit', code: lastCode(w.sim, a.phone) });
      await waitFor(e, 'ready');
    });
    const keys = w.sim.keys().length;
    expect((await waitFor(engine, 'ready')).user.id).toBe(String(a.id));
    await until(() => false, 10);
    expect([...counts.values()].reduce((x, y) => x + y, 0)).toBe(0);
    expect(w.sim.keys().length).toBe(keys);
    await expect(engine.invoke({ _: 'updates.getState' })).resolves.toMatchObject({ _: 'updates.state' });
  });
});
