/**
 * Security of the login service on both backends: a 2FA login through two workers, then a grep of
 * everything the service logged and of the raw database (the SQLite file with its WAL; every
 * PostgreSQL row as text) finds no login code, no password and no auth key bytes; flow A's token
 * cannot read or command flow B; no credential is a 401.
 */
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../../src/adapters/crypto/index.js';
import { createLoginService, openPgDriver, type LoginService } from '../../../src/adapters/service/index.js';
import { decodeSession } from '../../../src/machines/index.js';
import { account, API, createWorld, lastCode, type World } from '../../integration/sim-world.js';
import { postgresUnavailable, startPostgres, type PostgresCluster } from '../../helpers/postgres-cluster.js';

const KEY = 'operator-key-security-test';
const PASSWORD = 'correct horse battery staple 7x';
const skipPg = postgresUnavailable();
type Backend = 'sqlite' | 'postgres';
const backends: Backend[] = skipPg ? ['sqlite'] : ['sqlite', 'postgres'];
if (skipPg) console.warn(`skipping the PostgreSQL half: ${skipPg}`);

describe.each(backends)('login service security on %s', (backend) => {
  let w: World;
  let dir: string;
  let cluster: PostgresCluster | undefined;
  let database: string;
  const logs: string[] = [];
  const services: LoginService[] = [];
  const urls: string[] = [];

  beforeAll(async () => {
    w = await createWorld('memory', `security-${backend}`);
    dir = mkdtempSync(join(tmpdir(), 'tgauth-security-'));
    if (backend === 'postgres') {
      cluster = await startPostgres();
      database = cluster.url;
    } else database = join(dir, 'flows.sqlite');
    for (let i = 0; i < 2; i++) {
      const svc = await createLoginService({
        database,
        apiKey: KEY,
        sealingKey: 'ef'.repeat(32),
        engine: { ...API, dcs: w.config, dial: w.dial, clock: w.clock, crypto: nodeCrypto, transport: { pingIntervalMs: 0 } },
        pollMs: 20,
        idleMs: 0, // evict at once: every command after the first is a rehydration
        log: { level: 'debug', stream: { write: (line: string) => void logs.push(line) } },
      });
      services.push(svc);
      urls.push(await svc.listen());
    }
  }, 120_000);
  afterAll(async () => {
    for (const s of services) await s.close().catch(() => undefined);
    await w.close();
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async (i: number, method: string, path: string, auth?: string, body?: unknown) => {
    const r = await fetch(urls[i % 2]! + path, {
      method,
      headers: { ...(auth ? { authorization: `Bearer ${auth}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: r.status, json: (await r.json().catch(() => ({}))) as Record<string, unknown> };
  };

  it('keeps codes, passwords and auth keys out of logs and the database; tokens grant one flow', async () => {
    const a = account(w);
    await w.sim.setPassword(a.id, PASSWORD, { hint: 'h' });
    const created = await call(0, 'POST', '/v1/flows', KEY, { phone: a.phone });
    const { flowId, token } = created.json as { flowId: string; token: string };
    const code = lastCode(w.sim, a.phone);
    const c1 = await call(1, 'POST', `/v1/flows/${flowId}/commands`, token, { id: 'sec-code-1', command: { type: 'code.submit', code } });
    expect((c1.json['view'] as { status: string }).status).toBe('waitPassword');
    const c2 = await call(0, 'POST', `/v1/flows/${flowId}/commands`, token, { id: 'sec-pass-1', command: { type: 'password.submit', password: PASSWORD } });
    expect((c2.json['view'] as { status: string }).status).toBe('ready');

    const other = await call(1, 'POST', '/v1/flows', KEY, {});
    const otherToken = (other.json as { token: string }).token;
    expect((await call(0, 'GET', `/v1/flows/${flowId}`, otherToken)).status).toBe(403);
    expect((await call(0, 'POST', `/v1/flows/${flowId}/commands`, otherToken, { id: 'sec-x-0001', command: { type: 'logout.request' } })).status).toBe(403);
    expect((await call(1, 'GET', `/v1/flows/${flowId}/session`, token)).status).toBe(403);
    expect((await call(1, 'GET', `/v1/flows/${flowId}`)).status).toBe(401);
    expect((await call(1, 'POST', '/v1/flows', undefined, {})).status).toBe(401);

    const fetched = await call(1, 'GET', `/v1/flows/${flowId}/session`, KEY);
    const session = decodeSession(Buffer.from(fetched.json['session'] as string, 'base64'));
    const authKey = Buffer.from(Object.values(session.authKeys ?? {})[0]!.key);
    expect(authKey).toHaveLength(256);

    const needles = [
      ['code', Buffer.from(code)],
      ['password', Buffer.from(PASSWORD)],
      ['auth key', authKey.subarray(0, 32)],
      ['auth key hex', Buffer.from(authKey.subarray(0, 32).toString('hex'))],
      ['auth key base64', Buffer.from(authKey.subarray(0, 30).toString('base64'))],
      ['token', Buffer.from(token)],
      ['api key', Buffer.from(KEY)],
    ] as const;
    const log = Buffer.from(logs.join(''));
    expect(logs.length).toBeGreaterThan(5);
    const raw =
      backend === 'sqlite'
        ? Buffer.concat(readdirSync(dir).filter((f) => f.startsWith('flows.sqlite')).map((f) => readFileSync(join(dir, f))))
        : await dumpPostgres(database);
    // The grep finds what is stored in the clear (the flow id), so its silence below means something.
    expect(raw.includes(Buffer.from(flowId))).toBe(true);
    for (const [what, bytes] of needles) {
      expect(log.includes(bytes), `${what} in the logs`).toBe(false);
      expect(raw.includes(bytes), `${what} in the database`).toBe(false);
    }
  });
});

/** Every row of every service table as text (bytea as hex), the way an operator's dump would show it. */
async function dumpPostgres(url: string): Promise<Buffer> {
  const db = await openPgDriver(url);
  const parts: string[] = [];
  for (const table of ['tgauth_flows', 'tgauth_commands', 'tgauth_views', 'tgauth_limits']) {
    const rows = await db.query(`SELECT t::text AS line FROM ${table} t`);
    parts.push(...rows.map((r) => String(r['line'])));
  }
  await db.close();
  return Buffer.from(parts.join('\n'));
}
