/**
 * A worker dies while it applies a command whose request did reach Telegram (issue 22): the worker
 * that takes the flow over asks the server for the answer to the dead owner's recorded call in the
 * same MTProto session (src/adapters/service/in-flight-record.ts), then where the login stands,
 * before re-running anything (src/adapters/service/settle-in-flight.ts): one sendCode, one signIn,
 * one checkPassword. A logged-in key makes the flow ready; a login waiting
 * for its password resumes on the password screen; in neither case is a second code sent or the
 * code sent again. A DELETE that reaches a worker other than the flow's owner is applied by the
 * owner, which cancels the pending code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../../src/adapters/crypto/index.js';
import { createLoginService, type LoginService } from '../../../src/adapters/service/login-service.js';
import { account, API, createWorld, freshPhone, lastCode, type World } from '../../integration/sim-world.js';
import { countExecutions } from '../../integration/pfs-helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const KEY = 'operator-key-0123456789';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// In memory (the simulator in process) and over loopback TCP, the engines and simulator on one manual clock.
describe.each(['memory', 'tcp'] as const)('login service: takeover of a step that reached Telegram (%s)', (mode) => {
  let w: World;
  let dir: string;
  let counts: Map<string, number>;
  /** Runs once, when the simulator receives `method` (before it executes it). */
  const onMethod = new Map<string, () => Promise<void>>();
  const services: LoginService[] = [];

  async function worker(idleMs?: number): Promise<{ svc: LoginService; url: string }> {
    const svc = await createLoginService({
      database: join(dir, 'flows.sqlite'),
      apiKey: KEY,
      sealingKey: 'cd'.repeat(32),
      engine: { ...API, dcs: w.config, dial: w.dial, clock: w.clock, crypto: nodeCrypto, transport: { pingIntervalMs: 0 } },
      leaseMs: 300,
      pollMs: 20,
      sweepMs: 100,
      log: false,
      ...(idleMs !== undefined ? { idleMs } : {}),
    });
    services.push(svc);
    return { svc, url: await svc.listen() };
  }

  beforeAll(async () => {
    w = await createWorld(mode, `service-takeover-${mode}`);
    counts = countExecutions(w);
    const counted = w.sim.faults.before.bind(w.sim.faults);
    w.sim.faults.before = async (method: string) => {
      const hook = onMethod.get(method);
      onMethod.delete(method);
      await hook?.();
      return counted(method);
    };
    dir = mkdtempSync(join(tmpdir(), 'tgauth-takeover-'));
  });
  afterAll(async () => {
    for (const s of services) await s.close().catch(() => undefined);
    await w.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async (url: string, method: string, path: string, auth: string, body?: unknown): Promise<{ status: number; json: Json }> => {
    const r = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${auth}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    return { status: r.status, json: text ? (JSON.parse(text) as Json) : {} };
  };

  /** Reads the flow on `url` until it shows a screen that is not busy (reading a dead owner's busy flow takes it over). */
  const settledOn = async (url: string, flowId: string, token: string): Promise<Json> => {
    for (let i = 0; i < 200; i++) {
      const r = await call(url, 'GET', `/v1/flows/${flowId}`, token);
      if (!r.json['view'].busy && r.json['view'].status !== 'initializing') return r.json;
      await sleep(25);
    }
    throw new TypeError('the flow stayed busy');
  };

  /** A flow waiting for `phone`'s code on worker `a`, whose code.submit kills `a` as its auth.signIn reaches the server. */
  async function killedInSignIn(a: { svc: LoginService; url: string }, phone: string): Promise<{ flowId: string; token: string; code: string }> {
    const created = await call(a.url, 'POST', '/v1/flows', KEY, { phone });
    expect(created.json['view'].status).toBe('waitCode');
    const { flowId, token } = created.json as { flowId: string; token: string };
    const code = lastCode(w.sim, phone);
    onMethod.set('auth.signIn', () => a.svc.crash());
    const cut = await call(a.url, 'POST', `/v1/flows/${flowId}/commands`, token, { id: 'submit-code-1', command: { type: 'code.submit', code } }).catch(
      (error: unknown) => error,
    );
    expect(cut).toBeInstanceOf(Error); // the worker died with the request
    return { flowId, token, code };
  }

  it('a signIn that logged the key in: the next worker finds it logged in (ready), no second code', async () => {
    const a = await worker();
    const b = await worker();
    const user = account(w, { dcId: 2 }); // a login on another DC than the one the engine starts on
    const before = { signIn: counts.get('auth.signIn') ?? 0 };
    const { flowId, token } = await killedInSignIn(a, user.phone);
    const settled = await settledOn(b.url, flowId, token);
    expect(settled['view'].status).toBe('ready');
    expect(settled['view'].user.id).toBe(String(user.id));
    expect(w.sim.inbox(user.phone)).toHaveLength(1); // one code (auth.sendCode ran on DC 1, then on DC 2 after PHONE_MIGRATE_2)
    expect((counts.get('auth.signIn') ?? 0) - before.signIn).toBe(1);
    // The dead owner's command is never applied again: the server gave its signIn's answer back in
    // the same MTProto session (in-flight-record.ts), so it counts as applied, once.
    const retried = await call(b.url, 'POST', `/v1/flows/${flowId}/commands`, token, { id: 'submit-code-1', command: { type: 'code.submit', code: '00000' } });
    expect(retried.json['outcome'].status).toBe('applied');
    const session = await call(b.url, 'GET', `/v1/flows/${flowId}/session`, KEY);
    expect(session.json['user'].id).toBe(String(user.id));
    expect((counts.get('auth.signIn') ?? 0) - before.signIn).toBe(1);
  });

  it('a signIn answered SESSION_PASSWORD_NEEDED: the next worker resumes on the password screen, each call once', async () => {
    const a = await worker();
    const b = await worker();
    const user = account(w);
    await w.sim.setPassword(user.id, 'correct horse', { hint: 'horse' });
    const before = ['auth.sendCode', 'auth.signIn', 'auth.checkPassword'].map((m) => counts.get(m) ?? 0);
    const { flowId, token } = await killedInSignIn(a, user.phone);
    const settled = await settledOn(b.url, flowId, token);
    expect(settled['view'].status).toBe('waitPassword');
    const sent = await call(b.url, 'POST', `/v1/flows/${flowId}/commands`, token, { id: 'submit-password-1', command: { type: 'password.submit', password: 'correct horse' } });
    expect(sent.json['view'].status).toBe('ready');
    const after = ['auth.sendCode', 'auth.signIn', 'auth.checkPassword'].map((m) => counts.get(m) ?? 0);
    expect(after.map((n, i) => n - before[i]!)).toEqual([1, 1, 1]);
  });

  /** Sends `command` to worker `a`, which dies as `method` reaches the server; the server then runs it (its answer is lost with `a`). */
  async function killedIn(a: { svc: LoginService; url: string }, flowId: string, token: string, method: string, id: string, command: Json): Promise<void> {
    onMethod.set(method, () => a.svc.crash());
    const cut = await call(a.url, 'POST', `/v1/flows/${flowId}/commands`, token, { id, command }).catch((error: unknown) => error);
    expect(cut).toBeInstanceOf(Error);
  }

  it('a sendCode that ran after its worker died: the next worker gets its answer from the server, one code, the same phone_code_hash', async () => {
    const a = await worker();
    const b = await worker();
    const user = account(w);
    const before = counts.get('auth.sendCode') ?? 0;
    const { flowId, token } = (await call(a.url, 'POST', '/v1/flows', KEY, {})).json as { flowId: string; token: string };
    await killedIn(a, flowId, token, 'auth.sendCode', 'submit-phone-1', { type: 'phone.submit', phone: user.phone });
    const settled = await settledOn(b.url, flowId, token);
    // The code screen of the code the server sent (from auth.sentCode, asked again with msg_resend_ans_req).
    expect(settled['view'].status).toBe('waitCode');
    const retried = await call(b.url, 'POST', `/v1/flows/${flowId}/commands`, token, { id: 'submit-phone-1', command: { type: 'phone.submit', phone: user.phone } });
    expect(retried.json['outcome'].status).toBe('applied');
    // Only the phone_code_hash of that sendCode makes this code work.
    const signedIn = await call(b.url, 'POST', `/v1/flows/${flowId}/commands`, token, { id: 'submit-code-1', command: { type: 'code.submit', code: lastCode(w.sim, user.phone) } });
    expect(signedIn.json['view'].status).toBe('ready');
    expect((counts.get('auth.sendCode') ?? 0) - before).toBe(1);
    expect(w.sim.inbox(user.phone)).toHaveLength(1);
  });

  it('a checkPassword that ran after its worker died: ready on the next worker, checkPassword once', async () => {
    const a = await worker(60_000);
    const b = await worker();
    const user = account(w);
    await w.sim.setPassword(user.id, 'battery staple', { hint: 'staple' });
    const { flowId, token } = (await call(a.url, 'POST', '/v1/flows', KEY, { phone: user.phone })).json as { flowId: string; token: string };
    const code = await call(a.url, 'POST', `/v1/flows/${flowId}/commands`, token, { id: 'submit-code-1', command: { type: 'code.submit', code: lastCode(w.sim, user.phone) } });
    expect(code.json['view'].status).toBe('waitPassword');
    const before = counts.get('auth.checkPassword') ?? 0;
    await killedIn(a, flowId, token, 'auth.checkPassword', 'submit-password-1', { type: 'password.submit', password: 'battery staple' });
    const settled = await settledOn(b.url, flowId, token);
    expect(settled['view'].status).toBe('ready');
    const retried = await call(b.url, 'POST', `/v1/flows/${flowId}/commands`, token, { id: 'submit-password-1', command: { type: 'password.submit', password: 'x' } });
    expect(retried.json['outcome'].status).toBe('applied');
    expect((counts.get('auth.checkPassword') ?? 0) - before).toBe(1);
  });

  it('a signIn answered "sign up required" after its worker died: the registration screen on the next worker, signIn once', async () => {
    const a = await worker();
    const b = await worker();
    const phone = freshPhone(); // no account: signIn answers auth.authorizationSignUpRequired
    const { flowId, token } = (await call(a.url, 'POST', '/v1/flows', KEY, { phone })).json as { flowId: string; token: string };
    const before = counts.get('auth.signIn') ?? 0;
    await killedIn(a, flowId, token, 'auth.signIn', 'submit-code-1', { type: 'code.submit', code: lastCode(w.sim, phone) });
    const settled = await settledOn(b.url, flowId, token);
    expect(settled['view'].status).toBe('waitRegistration');
    const signedUp = await call(b.url, 'POST', `/v1/flows/${flowId}/commands`, token, { id: 'submit-registration-1', command: { type: 'registration.submit', firstName: 'Grace', acceptTerms: true } });
    expect(signedUp.json['view'].status).toBe('ready');
    expect((counts.get('auth.signIn') ?? 0) - before).toBe(1);
    expect(w.sim.inbox(phone)).toHaveLength(1);
  });

  it('a signIn that never ran: the code screen again, the same code still works', async () => {
    const a = await worker();
    const b = await worker();
    const user = account(w);
    const created = await call(a.url, 'POST', '/v1/flows', KEY, { phone: user.phone });
    const { flowId, token } = created.json as { flowId: string; token: string };
    const sendCodes = counts.get('auth.sendCode') ?? 0;
    // The worker dies while the request is on its way: the simulator refuses it (it never executes).
    onMethod.set('auth.signIn', async () => {
      await a.svc.crash();
      throw new TypeError('the request was lost with the worker');
    });
    const code = lastCode(w.sim, user.phone);
    await call(a.url, 'POST', `/v1/flows/${flowId}/commands`, token, { id: 'submit-code-1', command: { type: 'code.submit', code } }).catch(() => undefined);
    const settled = await settledOn(b.url, flowId, token);
    expect(settled['view'].status).toBe('waitCode');
    const again = await call(b.url, 'POST', `/v1/flows/${flowId}/commands`, token, { id: 'submit-code-2', command: { type: 'code.submit', code } });
    expect(again.json['view'].status).toBe('ready');
    expect(counts.get('auth.sendCode')).toBe(sendCodes);
    expect(w.sim.inbox(user.phone)).toHaveLength(1);
  });

  it('a DELETE on another worker than the owner: the owner cancels the pending code, the flow is gone on every worker', async () => {
    const a = await worker(60_000); // holds its flows live until it is closed
    const b = await worker(50); // gives its flows back at once
    const cancels = (): number => counts.get('auth.cancelCode') ?? 0;
    const before = cancels();
    const owned = (await call(a.url, 'POST', '/v1/flows', KEY, { phone: account(w).phone })).json as { flowId: string; token: string };
    expect((await call(b.url, 'DELETE', `/v1/flows/${owned.flowId}`, owned.token)).status).toBe(204);
    for (let i = 0; i < 100 && cancels() === before; i++) await sleep(20);
    expect(cancels() - before).toBe(1);
    expect((await call(a.url, 'GET', `/v1/flows/${owned.flowId}`, KEY)).status).toBe(404);
    expect((await call(b.url, 'GET', `/v1/flows/${owned.flowId}`, KEY)).status).toBe(404);
    // A flow nobody holds (evicted after its code was sent): the worker that gets the DELETE takes it and cancels.
    const idle = (await call(b.url, 'POST', '/v1/flows', KEY, { phone: account(w).phone })).json as { flowId: string; token: string };
    await sleep(300);
    expect((await call(a.url, 'DELETE', `/v1/flows/${idle.flowId}/session`, KEY)).status).toBe(204);
    for (let i = 0; i < 100 && cancels() === before + 1; i++) await sleep(20);
    expect(cancels() - before).toBe(2);
    expect((await call(b.url, 'GET', `/v1/flows/${idle.flowId}`, KEY)).status).toBe(404);
  });
});
