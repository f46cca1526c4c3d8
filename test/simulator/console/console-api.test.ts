/**
 * The control API routes the console uses: validation with a sentence for every refusal, account
 * delete and authorizations with reset, the cluster-wide inbox feed, the RPC log filters, live QR
 * tokens, DC summaries, the black-hole fault; and who may call (checkAccess).
 */
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { bytesToHex } from '../../../src/crypto/index.js';
import {
  checkAccess,
  consoleAsset,
  handleControlRequest,
  nextFeedBatch,
} from '../../../src/simulator/index.js';
import { login, wireSim } from '../mtproto/wire-harness.js';

function setup() {
  const w = wireSim();
  const req = (method: string, path: string, body?: unknown) =>
    handleControlRequest(w.sim, method, path, body);
  return { ...w, req };
}

describe('console control routes', () => {
  it('refuses bad account input with a sentence naming the field', async () => {
    const { req } = setup();
    const bad: [unknown, RegExp][] = [
      [{ phone: '9996621234', frstName: 'x' }, /unknown field "frstName"/],
      [{ phone: 'abc' }, /phone must be 5 to 15 digits/],
      [{ phone: '9996621234', dcId: 9 }, /dcId must be an integer from 1 to 5/],
      [{ phone: '9996621234', switches: { banned: 'yes' } }, /switches.banned must be true or false/],
      [{ phone: '9996621234', switches: { flood: 1 } }, /unknown switch "flood"/],
      [{ phone: '9996621234', switches: { sendCodeLimit: -1 } }, /sendCodeLimit must be an integer/],
      [{ phone: '9996621234', loginEmail: 'nope' }, /loginEmail must look like/],
      [{ phone: '9996621234', password: '' }, /password must not be empty/],
      [{ phone: '9996621234', hint: 'h' }, /need a password/],
      [{ phone: '9996621234', passkeys: [{ id: 'a', publicKey: '00' }] }, /P-256 point/],
      [{ firstName: 'nobody' }, /needs a phone/],
      [[1], /JSON object/],
    ];
    for (const [body, message] of bad) {
      const res = await req('POST', '/accounts', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.json as { error: string }).error).toMatch(message);
    }
    expect((await req('GET', '/accounts')).json).toEqual([]);
    expect(await req('GET', '/rpc-log?limit=x')).toMatchObject({
      status: 400,
      json: { error: 'limit must be a non-negative integer' },
    });
    expect(await req('POST', '/faults', { blackhole: true })).toMatchObject({
      status: 400,
      json: { error: 'unknown fault "blackhole"' },
    });
    expect(await req('POST', '/faults', { reject: { method: 'auth.sendCode', text: 'nope' } })).toMatchObject(
      { status: 400 },
    );
    expect(await req('POST', '/clock/advance', { ms: Infinity })).toMatchObject({ status: 400 });
  });

  it('merges switches, changes a hint alone, deletes an account and resets its devices', async () => {
    const { sim, req, connect } = setup();
    const created = (
      await req('POST', '/accounts', {
        phone: '9996621234',
        dcId: 2,
        firstName: 'Ann',
        password: 'pw',
        hint: 'h1',
        switches: { banned: true },
      })
    ).json as { id: string };
    const patched = await req('PATCH', `/accounts/${created.id}`, {
      switches: { signUpRequired: true },
      hint: 'h2',
    });
    expect(patched.json).toMatchObject({
      switches: { banned: true, signUpRequired: true },
      hint: 'h2',
      hasPassword: true,
    });
    await req('PATCH', `/accounts/${created.id}`, { switches: { banned: false, signUpRequired: false } });

    expect((await req('PATCH', `/accounts/${created.id}`, { password: null })).json).toMatchObject({
      hasPassword: false,
    });
    const b = await connect(2);
    const userId = await login(b, '9996621234', '22222');
    expect(String(userId)).toBe(created.id);
    const devices = (await req('GET', `/accounts/${created.id}/authorizations`)).json as {
      authKeyId: string;
    }[];
    expect(devices).toHaveLength(1);
    expect(
      (await req('DELETE', `/accounts/${created.id}/authorizations/${devices[0]!.authKeyId}`)).json,
    ).toEqual({ reset: 1 });
    await expect(b.call({ _: 'updates.getState' })).rejects.toThrow(/AUTH_KEY_UNREGISTERED/);
    expect(await req('DELETE', `/accounts/${created.id}/authorizations/1`)).toMatchObject({ status: 400 });

    await login(b, '9996621234', '22222');
    // A test number without a dcId lives on the DC its digits name.
    expect((await req('POST', '/accounts', { phone: '9996651234' })).json).toMatchObject({ dcId: 5 });
    expect((await req('POST', '/accounts', { phone: '31600000001' })).json).toMatchObject({ dcId: 2 });
    expect((await req('DELETE', `/accounts/${created.id}`)).json).toEqual({ ok: true });
    expect(sim.accounts.list().map((x) => x.phone)).toEqual(['9996651234', '31600000001']);
    await expect(b.call({ _: 'updates.getState' })).rejects.toThrow(/AUTH_KEY_UNREGISTERED/);
    expect(await req('DELETE', `/accounts/${created.id}`)).toMatchObject({
      status: 400,
      json: { error: `no account ${created.id}` },
    });
    b.close();
  });

  it('feeds the inbox once per message, the RPC log by phone and key, QR tokens, DCs and faults', async () => {
    const { sim, req, connect } = setup();
    const c = await connect(3);
    await login(c, '9996631234', '33333');
    const inbox = (await req('GET', '/inbox')).json as {
      seq: number;
      to: string;
      code: string;
      purpose: string;
      expiresAt: number;
    }[];
    expect(inbox).toEqual([
      expect.objectContaining({ seq: 1, to: '9996631234', code: '33333', purpose: 'login', delivery: 'sms' }),
    ]);
    expect(inbox[0]!.expiresAt).toBe(sim.clock.now() + sim.state.settings.codeTtlMs);
    expect((await req('GET', '/inbox?after=1')).json).toEqual([]);

    const log = (await req('GET', '/rpc-log?phone=%2B999%20663%201234')).json as {
      entries: { authKeyId: string }[];
      lastSeq: number;
    };
    expect(log.entries.length).toBeGreaterThanOrEqual(3);
    const key = log.entries[0]!.authKeyId;
    expect(
      ((await req('GET', `/rpc-log?key=${key}&limit=1`)).json as { entries: unknown[] }).entries,
    ).toHaveLength(1);
    expect(((await req('GET', '/rpc-log?phone=1111111')).json as { entries: unknown[] }).entries).toEqual([]);

    const token = new Uint8Array(32).fill(5);
    sim.state.qrTokens.set(bytesToHex(token), {
      token,
      dcId: 3,
      authKeyId: 7n,
      exceptIds: [],
      expiresAt: sim.clock.now() + 30_000,
    });
    expect((await req('GET', '/qr')).json).toEqual([
      {
        link: 'tg://login?token=BQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQU',
        dcId: 3,
        authKeyId: '7',
        expiresAt: sim.clock.now() + 30_000,
        exceptIds: [],
      },
    ]);
    await req('POST', '/clock/advance', { ms: 30_000 });
    expect((await req('GET', '/qr')).json).toEqual([]);

    const dcs = (await req('GET', '/dcs')).json as {
      id: number;
      connections: number;
      permKeys: number;
      authorizedKeys: number;
    }[];
    expect(dcs).toHaveLength(5);
    expect(dcs[2]).toMatchObject({ id: 3, connections: 1, permKeys: 1, authorizedKeys: 1 });

    expect((await req('POST', '/faults', { blackHole: true })).json).toMatchObject({ blackHole: true });
    const answered = sim.state.rpcLog.lastSeq;
    void c.call({ _: 'updates.getState' }).catch(() => undefined);
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect((await req('DELETE', '/faults')).json).toMatchObject({ blackHole: false });
    await c.call({ _: 'help.getNearestDc' });
    // The swallowed request never reached a handler; the next one did.
    expect(sim.state.rpcLog.since(answered).map((e) => e.method)).toEqual(['help.getNearestDc']);
    c.close();
  });

  it('batches the live feed per console from its cursor', async () => {
    const { sim, connect } = setup();
    const c = await connect(2);
    await login(c, '9996621234', '22222');
    const cursor = { rpc: 1, inbox: 0 };
    const batch = nextFeedBatch(sim, cursor, new Set(['rpc'])) as {
      topics: string[];
      rpc: { seq: number }[];
      inbox: unknown[];
    };
    expect(batch.topics).toEqual(['rpc']);
    expect(batch.rpc[0]!.seq).toBe(2);
    expect(batch.inbox).toHaveLength(1);
    expect(cursor).toEqual({ rpc: sim.state.rpcLog.lastSeq, inbox: 1 });
    expect(nextFeedBatch(sim, cursor, new Set())).toMatchObject({ rpc: [], inbox: [] });
    c.close();
  });
});

describe('checkAccess', () => {
  const q = new URLSearchParams();
  it('on loopback: loopback host names only, and no other site', () => {
    const policy = { port: 8080 };
    expect(checkAccess({ host: '127.0.0.1:8080', query: q }, policy)).toBeUndefined();
    expect(
      checkAccess({ host: 'localhost:8080', origin: 'http://localhost:8080', query: q }, policy),
    ).toBeUndefined();
    expect(checkAccess({ host: 'evil.example:8080', query: q }, policy)).toMatchObject({ status: 403 });
    expect(
      checkAccess({ host: '127.0.0.1:8080', origin: 'http://evil.example', query: q }, policy),
    ).toMatchObject({ status: 403 });
    expect(checkAccess({ host: '127.0.0.1:8080', origin: 'null', query: q }, policy)).toMatchObject({
      status: 403,
    });
  });
  it('beyond loopback: the token, as a bearer header or a query parameter', () => {
    const policy = { port: 8080, token: 'abc123' };
    expect(checkAccess({ host: '10.0.0.5:8080', query: q }, policy)).toMatchObject({ status: 401 });
    expect(
      checkAccess({ host: '10.0.0.5:8080', authorization: 'Bearer abc124', query: q }, policy),
    ).toMatchObject({ status: 401 });
    expect(
      checkAccess({ host: '10.0.0.5:8080', authorization: 'Bearer abc123', query: q }, policy),
    ).toBeUndefined();
    expect(
      checkAccess({ host: '10.0.0.5:8080', query: new URLSearchParams('token=abc123') }, policy),
    ).toBeUndefined();
  });
});

describe('console assets', () => {
  it('serves a page, a style sheet and a script that parses', () => {
    expect(consoleAsset('/')?.body).toMatch(/<script src="\/console.js" defer><\/script>/);
    expect(consoleAsset('/console.css')?.contentType).toMatch(/text\/css/);
    const js = consoleAsset('/console.js')!.body;
    expect(() => new Script(js)).not.toThrow();
    expect(consoleAsset('/nope')).toBeUndefined();
  });
});
