/**
 * The login service over one SQLite file shared by two workers (the simulator behind them): a flow
 * created on one worker is finished on the other; a worker that dies holding a flow is taken over
 * from the stored snapshot with the same auth key (the code already sent works, no second code);
 * retried POSTs are applied once; the HTTP errors are JSON with the right status.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { nodeCrypto } from '../../../src/adapters/crypto/index.js';
import { fromPyrogramSession, fromTelethonSession } from '../../../src/adapters/session-strings/index.js';
import { readServerSentEvents } from '../../../src/adapters/remote/index.js';
import { createLoginService, type LoginService, type ServiceLimits } from '../../../src/adapters/service/login-service.js';
import { account, API, createWorld, lastCode, type World } from '../../integration/sim-world.js';
import { countExecutions } from '../../integration/pfs-helpers.js';

/** Response bodies are read loosely: the assertions say what they expect. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const KEY = 'operator-key-0123456789';
const SEAL = 'ab'.repeat(32);

describe('login service: two workers on one SQLite file', () => {
  let w: World;
  let dir: string;
  let counts: Map<string, number>;
  const services: LoginService[] = [];
  const urls: string[] = [];

  async function worker(extra: { idleMs?: number; limits?: ServiceLimits; database?: string } = {}): Promise<{ svc: LoginService; url: string }> {
    const svc = await createLoginService({
      database: join(dir, 'flows.sqlite'),
      apiKey: KEY,
      sealingKey: SEAL,
      engine: { ...API, dcs: w.config, dial: w.dial, clock: w.clock, crypto: nodeCrypto, transport: { pingIntervalMs: 0 } },
      leaseMs: 400,
      pollMs: 20,
      sweepMs: 100,
      log: false,
      ...extra,
    });
    services.push(svc);
    const url = await svc.listen();
    urls.push(url);
    return { svc, url };
  }

  beforeAll(async () => {
    w = await createWorld('tcp', 'service');
    counts = countExecutions(w);
    dir = mkdtempSync(join(tmpdir(), 'tgauth-service-'));
  });
  afterAll(async () => {
    for (const s of services) await s.close().catch(() => undefined);
    await w.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async (url: string, method: string, path: string, auth: string | undefined, body?: unknown) => {
    const response = await fetch(url + path, {
      method,
      headers: { ...(auth ? { authorization: `Bearer ${auth}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as Json) : {} };
  };

  it('a worker that dies holding a waiting flow is taken over with the same key: the code already sent works', async () => {
    const a = await worker({ idleMs: 60_000 }); // A keeps the flow in memory until it "crashes"
    const b = await worker();
    const user = account(w);
    const created = await call(a.url, 'POST', '/v1/flows', KEY, { phone: user.phone });
    expect(created.status).toBe(201);
    expect(created.json['view'].status).toBe('waitCode');
    const { flowId, token } = created.json as { flowId: string; token: string };
    expect(token.length).toBeGreaterThanOrEqual(22); // 128+ bits of base64url
    expect(counts.get('auth.sendCode')).toBe(1);

    await a.svc.crash(); // kill -9, as far as the database can tell: the lease just runs out
    const code = lastCode(w.sim, user.phone);
    const sent = await call(b.url, 'POST', `/v1/flows/${flowId}/commands`, token, { id: 'cmd-code-1', command: { type: 'code.submit', code } });
    expect(sent.status).toBe(200);
    expect(sent.json['outcome'].status).toBe('applied');
    expect(sent.json['view'].status).toBe('ready');
    expect(counts.get('auth.sendCode')).toBe(1);
    expect(counts.get('auth.signIn')).toBe(1);

    // The same POST again: the first outcome, nothing applied twice.
    const retried = await call(b.url, 'POST', `/v1/flows/${flowId}/commands`, token, { id: 'cmd-code-1', command: { type: 'code.submit', code } });
    expect(retried.json['outcome']).toEqual(sent.json['outcome']);
    expect(counts.get('auth.signIn')).toBe(1);

    // A command ready does not take: 409 with the reason.
    const late = await call(b.url, 'POST', `/v1/flows/${flowId}/commands`, token, { id: 'cmd-code-2', command: { type: 'code.submit', code } });
    expect(late.status).toBe(409);
    expect(late.json['outcome'].reason).toContain('ready');

    // SSE on the other worker: from Last-Event-ID 1 it replays what came after, versions going up, ending at ready.
    const events = await fetch(`${b.url}/v1/flows/${flowId}/events`, { headers: { authorization: `Bearer ${token}`, 'last-event-id': '1' } });
    const seen: { version: number; status: string }[] = [];
    for await (const e of readServerSentEvents(events.body!)) {
      seen.push({ version: Number(e.id), status: (JSON.parse(e.data) as { status: string }).status });
      if (seen.at(-1)!.status === 'ready') break;
    }
    expect(seen[0]!.version).toBe(2);
    expect(seen.every((e, i) => i === 0 || e.version > seen[i - 1]!.version)).toBe(true);

    // The backend fetches the session in another library's format; the flow token may not.
    expect((await call(b.url, 'GET', `/v1/flows/${flowId}/session?format=pyrogram`, token)).status).toBe(403);
    const session = await call(b.url, 'GET', `/v1/flows/${flowId}/session?format=pyrogram`, KEY);
    expect(session.status).toBe(200);
    expect(fromPyrogramSession(session.json['session'] as string).authKey).toHaveLength(256);
    const telethon = await call(b.url, 'GET', `/v1/flows/${flowId}/session?format=telethon`, KEY);
    expect(fromTelethonSession(telethon.json['session'] as string).dcId).toBe(1);
    const own = await call(b.url, 'GET', `/v1/flows/${flowId}/session`, KEY);
    expect(own.json['user'].id).toBe(String(user.id));
    expect((await call(b.url, 'DELETE', `/v1/flows/${flowId}/session`, KEY)).status).toBe(204);
    expect((await call(b.url, 'GET', `/v1/flows/${flowId}`, KEY)).status).toBe(404);
  });

  it('answers bad requests with JSON errors: 400, 401, 403, 404, 413', async () => {
    const url = urls.at(-1)!;
    expect((await call(url, 'POST', '/v1/flows', undefined, {})).status).toBe(401);
    expect((await call(url, 'POST', '/v1/flows', 'not-the-key', {})).status).toBe(403);
    const bad = await call(url, 'POST', '/v1/flows', KEY, '{"phone": ');
    expect([bad.status, bad.json['error'].code]).toEqual([400, 'json.malformed']);
    expect((await call(url, 'POST', '/v1/flows', KEY, { phone: 'x' })).status).toBe(400);
    expect((await call(url, 'GET', '/v1/flows/AAAAAAAAAAAAAAAAAAAAAA', KEY)).status).toBe(404);
    expect((await call(url, 'POST', '/v1/flows', KEY, { phone: '1'.repeat(20_000) })).status).toBe(413);
    const flow = await call(url, 'POST', '/v1/flows', KEY, {});
    const other = await call(url, 'POST', '/v1/flows', KEY, {});
    expect(flow.json['view'].status).toBe('waitPhoneNumber');
    expect((await call(url, 'GET', `/v1/flows/${flow.json['flowId']}/session`, KEY)).status).toBe(409);
    // Flow A's token cannot read or command flow B.
    expect((await call(url, 'GET', `/v1/flows/${other.json['flowId']}`, flow.json['token'])).status).toBe(403);
    const cross = await call(url, 'POST', `/v1/flows/${other.json['flowId']}/commands`, flow.json['token'], { id: 'cmd-x-0001', command: { type: 'qr.start' } });
    expect(cross.status).toBe(403);
    const invalid = await call(url, 'POST', `/v1/flows/${flow.json['flowId']}/commands`, flow.json['token'], { id: 'cmd-bad-001', command: { type: 'phone.submit' } });
    expect([invalid.status, invalid.json['outcome'].field]).toEqual([400, 'phone']);
  });

  it('limits new flows per address and codes per phone, in the database all workers share', async () => {
    const database = join(dir, 'limits.sqlite');
    const a = await worker({ database, limits: { flowsPerIpPerMinute: 3, codesPerPhonePerHour: 1 } });
    const b = await worker({ database, limits: { flowsPerIpPerMinute: 3, codesPerPhonePerHour: 1 } });
    const user = account(w);
    expect((await call(a.url, 'POST', '/v1/flows', KEY, { phone: user.phone })).status).toBe(201);
    const again = await call(b.url, 'POST', '/v1/flows', KEY, { phone: user.phone });
    expect([again.status, again.json['error'].code]).toEqual([429, 'limit.exceeded']);
    const plain = await call(b.url, 'POST', '/v1/flows', KEY, {});
    expect(plain.status).toBe(201);
    const viaCommand = await call(a.url, 'POST', `/v1/flows/${plain.json['flowId']}/commands`, plain.json['token'], { id: 'limit-phone-1', command: { type: 'phone.submit', phone: user.phone } });
    expect(viaCommand.status).toBe(429);
    expect((await call(a.url, 'POST', '/v1/flows', KEY, {})).status).toBe(429); // the 4th flow from this address this minute
    expect(counts.get('auth.sendCode')).toBe(2); // the first test's, and this test's first flow only
  });

  it('an evicted flow leaves nothing in the worker: no live flow, lock, watcher or stream; commands and streams still reach it', async () => {
    const { svc, url } = await worker({ idleMs: 0, database: join(dir, 'evict.sqlite') });
    const empty = { liveFlows: 0, flowLocks: 0, watchedFlows: 0, openStreams: 0 };
    const users = [account(w), account(w), account(w)];
    const flows: Json[] = [];
    for (const user of users) flows.push((await call(url, 'POST', '/v1/flows', KEY, { phone: user.phone })).json);
    flows.push((await call(url, 'POST', '/v1/flows', KEY, {})).json);
    expect(flows.map((f) => f['view'].status)).toEqual(['waitCode', 'waitCode', 'waitCode', 'waitPhoneNumber']);
    // An SSE stream is the one thing a waiting flow may hold here, and only while it is open.
    const aborter = new AbortController();
    const events = await fetch(`${url}/v1/flows/${flows[0]!['flowId']}/events`, { headers: { authorization: `Bearer ${flows[0]!['token']}` }, signal: aborter.signal });
    const reader = readServerSentEvents(events.body!)[Symbol.asyncIterator]();
    expect(JSON.parse((await reader.next()).value!.data).status).toBe('waitCode');
    expect(svc.stats()).toMatchObject({ watchedFlows: 1, openStreams: 1 });
    aborter.abort();
    await reader.return(undefined).catch(() => undefined);
    await vi.waitFor(() => expect(svc.stats()).toEqual(empty), { timeout: 10_000, interval: 20 });
    // Evicted means in the database only: a command to it is applied there (the same key, the code already sent).
    const code = lastCode(w.sim, users[1]!.phone);
    const sent = await call(url, 'POST', `/v1/flows/${flows[1]!['flowId']}/commands`, flows[1]!['token'], { id: 'evicted-code-1', command: { type: 'code.submit', code } });
    expect([sent.status, sent.json['view'].status]).toEqual([200, 'ready']);
    await vi.waitFor(() => expect(svc.stats()).toEqual(empty), { timeout: 10_000, interval: 20 });
  });

  it("a database error in a timer's work (lease renewal's queue check) is logged, not an unhandled rejection that ends the worker", async () => {
    const { svc, url } = await worker({ idleMs: 60_000 });
    const created = await call(url, 'POST', '/v1/flows', KEY, { phone: account(w).phone });
    expect(created.json['view'].status).toBe('waitCode');
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    // The renewal sees a queued command, then the database fails under the drain that follows.
    const next = vi
      .spyOn(svc.storage, 'nextCommand')
      .mockResolvedValueOnce({ seq: 1, idemId: 'x', command: new Uint8Array() } as never)
      .mockRejectedValue(new Error('the database went away'));
    try {
      await vi.waitFor(() => expect(next.mock.calls.length).toBeGreaterThanOrEqual(3), { timeout: 5_000, interval: 20 });
      await new Promise((r) => setTimeout(r, 50));
      expect(unhandled).toEqual([]);
    } finally {
      next.mockRestore();
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
