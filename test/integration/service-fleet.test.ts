/**
 * The login service as a fleet (issue 22 "Must show"): `tgauth serve` worker processes on one
 * database — 3 on PostgreSQL, 2 on one SQLite file — with the simulator, and logins mixing
 * phone+code, 2FA, QR and sign-up. Every command goes to a random worker and every SSE stream to
 * another; a chaos loop kill -9s a random worker every few seconds and restarts it. Checked: every
 * login reaches ready; on the simulator side one code per login and each signIn / checkPassword
 * once per login, unless a worker died holding that very command (the service then reports it
 * `uncertain` and never applies it again; the client decides to retry, and the counts are bounded
 * by those events); a retried POST is applied once; each SSE stream's versions only go up.
 * FLEET_LOGINS sets the number of logins per fleet: 24 in `npm test` (CPU time on shared CI), 100
 * with `npm run test:fleet`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../src/adapters/crypto/index.js';
import { startSimulatorHost, systemClock, type SimulatorHost } from '../../src/adapters/node/index.js';
import { postgresUnavailable, startPostgres, type PostgresCluster } from '../helpers/postgres-cluster.js';
import { callFleet, FLEET_KEY, followFlow, startFleet, type FlowClientStats, type WorkerSlot } from './service-fleet.js';

const LOGINS = Number(process.env['FLEET_LOGINS'] ?? 24);
type Kind = 'code' | '2fa' | 'qr' | 'signUp';
const KINDS: Kind[] = ['code', '2fa', 'qr', 'signUp'];
type View = { status: string; busy: boolean; link?: string };
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Fleet {
  host: SimulatorHost;
  slots: WorkerSlot[];
  counts: Map<string, number>;
}

/** Drives one login of `kind` to ready; returns what its client saw. */
async function login(f: Fleet, i: number, kind: Kind, stats: FlowClientStats): Promise<{ versions: number[]; phone?: string }> {
  const sim = f.host.simulator;
  const phone = `1777${String(i).padStart(6, '0')}`;
  const user = kind === 'signUp' ? undefined : sim.accounts.create({ phone, dcId: 1 + (i % 2), firstName: `U${i}` });
  if (kind === '2fa') await sim.setPassword(user!.id, `pw-${i}`, { hint: 'h' });
  const created = await callFleet(f.slots, 'POST', '/v1/flows', FLEET_KEY, {}, stats);
  const { flowId, token } = created.json as { flowId: string; token: string };
  const stream = followFlow(f.slots, flowId, token);
  let step = 0;
  let view = (created.json['view'] as View | undefined) ?? { status: 'initializing', busy: true };
  let approved = '';
  let last: unknown;
  const send = async (command: Record<string, unknown>): Promise<void> => {
    // One idempotency id per intent; every retry of the POST carries it.
    const r = await callFleet(f.slots, 'POST', `/v1/flows/${flowId}/commands`, token, { id: `login-${i}-step-${step++}`, command }, stats);
    last = r;
    if (r.status >= 400 && r.status !== 409) throw new TypeError(`login ${i} (${kind}): ${JSON.stringify(r)}`);
    const outcome = r.json['outcome'] as { status: string } | undefined;
    if (outcome?.status === 'uncertain') stats.uncertain++;
    if (r.json['view']) view = r.json['view'] as View;
  };
  for (let turn = 0; turn < 400 && view.status !== 'ready'; turn++) {
    if (view.busy || view.status === 'initializing') {
      await sleep(100);
      view = (await callFleet(f.slots, 'GET', `/v1/flows/${flowId}`, token, undefined, stats)).json['view'] as View;
      continue;
    }
    switch (view.status) {
      case 'waitPhoneNumber':
        await send(kind === 'qr' ? { type: 'qr.start' } : { type: 'phone.submit', phone });
        break;
      case 'waitCode':
        await send({ type: 'code.submit', code: sim.inbox(phone).at(-1)!.code });
        break;
      case 'waitPassword':
        await send({ type: 'password.submit', password: `pw-${i}` });
        break;
      case 'waitRegistration':
        await send({ type: 'registration.submit', firstName: `New${i}`, acceptTerms: true });
        break;
      case 'waitQrConfirmation':
        if (view.link && view.link !== approved) {
          approved = view.link;
          sim.approveQr(view.link, user!.id);
        }
        await sleep(150);
        view = (await callFleet(f.slots, 'GET', `/v1/flows/${flowId}`, token, undefined, stats)).json['view'] as View;
        break;
      default:
        throw new TypeError(`login ${i} (${kind}) reached ${JSON.stringify(view)}`);
    }
  }
  expect(view.status, `login ${i} (${kind}) did not finish: ${JSON.stringify(last)}`).toBe('ready');
  // The stream on another worker sees ready too (give it a moment), then stops.
  for (let t = 0; t < 50 && stream.versions.at(-1) !== undefined && (await callFleet(f.slots, 'GET', `/v1/flows/${flowId}`, token, undefined, stats)).json['version'] !== stream.versions.at(-1); t++) await sleep(100);
  stream.stop();
  return { versions: stream.versions, ...(kind === 'qr' ? {} : { phone }) };
}

async function runFleet(f: Fleet): Promise<void> {
  const stats: FlowClientStats = { uncertain: 0, retries: 0 };
  let chaos = true;
  let kills = 0;
  const chaosLoop = (async () => {
    while (chaos) {
      await sleep(2500);
      if (!chaos) break;
      const slot = f.slots[Math.floor(Math.random() * f.slots.length)]!;
      if (!slot.alive) continue;
      slot.kill9();
      kills++;
      await slot.start().catch(() => undefined);
    }
  })();
  const results: { kind: Kind; versions: number[]; phone?: string }[] = [];
  let next = 0;
  const runner = async (): Promise<void> => {
    while (next < LOGINS) {
      const i = next++;
      const kind = KINDS[i % KINDS.length]!;
      results.push({ kind, ...(await login(f, i, kind, stats)) });
    }
  };
  try {
    await Promise.all(Array.from({ length: 8 }, runner));
  } finally {
    chaos = false;
    await chaosLoop;
  }
  expect(results).toHaveLength(LOGINS);
  expect(kills).toBeGreaterThan(0);
  for (const r of results) {
    expect(r.versions.every((v, k) => k === 0 || v > r.versions[k - 1]!), `versions ${r.versions.join(',')}`).toBe(true);
  }
  const phoneLogins = results.filter((r) => r.kind !== 'qr');
  const codes = phoneLogins.map((r) => f.host.simulator.inbox(r.phone!).length);
  // One code per login; a second only where a worker died holding that login's phone.submit.
  const extraCodes = codes.reduce((a, c) => a + c - 1, 0);
  expect(codes.every((c) => c >= 1)).toBe(true);
  expect(extraCodes).toBeLessThanOrEqual(stats.uncertain);
  // An uncertain code.submit whose signIn had succeeded resumes on waitCode; the code is then spent,
  // so the login goes back to the number: one more code and two more signIns (docs/SERVICE.md, not
  // done: a probe of the key on takeover). Without a kill inside a command, every count is exact.
  const signIns = f.counts.get('auth.signIn') ?? 0;
  expect(signIns - phoneLogins.length).toBeGreaterThanOrEqual(0);
  expect(signIns - phoneLogins.length).toBeLessThanOrEqual(2 * stats.uncertain);
  if (stats.uncertain === 0) expect([signIns, extraCodes]).toEqual([phoneLogins.length, 0]);
  const passwords = f.counts.get('auth.checkPassword') ?? 0;
  expect(passwords - results.filter((r) => r.kind === '2fa').length).toBeLessThanOrEqual(stats.uncertain);
  console.info(`fleet: ${signIns} signIn for ${phoneLogins.length} phone logins, ${passwords} checkPassword; ${LOGINS} logins, ${kills} kill -9, ${stats.retries} client retries, ${stats.uncertain} uncertain commands, ${extraCodes} extra codes`);
}

async function fleetOn(database: (dir: string) => Promise<string>, workers: number): Promise<{ fleet: () => Fleet; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'tgauth-fleet-'));
  const host = await startSimulatorHost({ dcCount: 2, control: false, clock: systemClock, crypto: nodeCrypto });
  const counts = new Map<string, number>();
  const before = host.simulator.faults.before.bind(host.simulator.faults);
  host.simulator.faults.before = (method: string) => {
    counts.set(method, (counts.get(method) ?? 0) + 1);
    return before(method);
  };
  const slots = await startFleet(workers, await database(dir), host.config, dir);
  return {
    fleet: () => ({ host, slots, counts }),
    stop: async () => {
      await Promise.all(slots.map((s) => s.stop()));
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const skipPg = postgresUnavailable();
describe.skipIf(skipPg !== undefined)('login service fleet: 3 workers on PostgreSQL, kill -9 chaos', () => {
  let cluster: PostgresCluster;
  let setup: Awaited<ReturnType<typeof fleetOn>>;
  beforeAll(async () => {
    cluster = await startPostgres();
    setup = await fleetOn(async () => cluster.url, 3);
  }, 180_000);
  afterAll(async () => {
    await setup?.stop();
    cluster?.stop();
  });
  it(`${LOGINS} mixed logins reach ready through random workers`, () => runFleet(setup.fleet()), 600_000);
});

describe('login service fleet: 2 processes on one SQLite file, kill -9 chaos', () => {
  let setup: Awaited<ReturnType<typeof fleetOn>>;
  beforeAll(async () => {
    setup = await fleetOn(async (dir) => join(dir, 'flows.sqlite'), 2);
  }, 180_000);
  afterAll(() => setup?.stop());
  it(`${LOGINS} mixed logins reach ready through random workers`, () => runFleet(setup.fleet()), 600_000);
});
