/**
 * The control API as a pure HTTP router (DESIGN.md "Control API"): method + path + parsed JSON body
 * in, status + JSON out. The Node HTTP shell in adapters/ only moves bytes; everything the API
 * means is here, over the same in-process calls tests use.
 *
 *   GET  /config                      the JSON the CLI prints
 *   GET  /inbox/:phoneOrEmail         codes and e-mails delivered there
 *   GET  /accounts  ·  GET /accounts/:id
 *   POST /accounts                    create ({ phone, dcId, firstName, password, hint, recoveryEmail, switches, ... })
 *   PATCH /accounts/:id               change (password: null removes it)
 *   POST /qr/approve                  { token, userId }: accept a QR token as that user
 *   POST /payments                    { phone, outcome: "paid" | "failed" }
 *   POST /firebase-pnv/token          { phone, nonce }: the Google token a Firebase PNV login finishes with
 *   GET  /clock  ·  POST /clock/advance { ms }
 *   GET  /faults · POST /faults { delayMs, reject: { method, code, text, times }, dropConnections } · DELETE /faults
 *   GET  /sessions  ·  GET /keys[?dc=N]
 */
import { SimulatorError } from '../errors.js';
import type { Simulator } from '../cluster/simulator.js';
import { accountInput, bigintField, objectBody, toJson } from './json.js';

/** An HTTP answer. */
export interface ControlResponse {
  status: number;
  json: unknown;
}

type Route = (sim: Simulator, params: string[], body: unknown, query: URLSearchParams) => unknown;

const routes: [string, RegExp, Route][] = [
  ['GET', /^\/config$/, (sim) => sim.config()],
  ['GET', /^\/inbox\/([^/]+)$/, (sim, [who]) => sim.inbox(who!)],
  ['GET', /^\/accounts$/, (sim) => sim.accounts.list().map(publicAccount)],
  ['GET', /^\/accounts\/(\d+)$/, (sim, [id]) => publicAccount(account(sim, BigInt(id!)))],
  [
    'POST',
    /^\/accounts$/,
    async (sim, _p, body) => {
      const o = objectBody(body);
      const created = sim.accounts.create(accountInput(o));
      await applyPassword(sim, created.id, o);
      return publicAccount(created);
    },
  ],
  [
    'PATCH',
    /^\/accounts\/(\d+)$/,
    async (sim, [id], body) => {
      const o = objectBody(body);
      const { id: _ignored, ...change } = accountInput(o);
      const updated = sim.accounts.update(account(sim, BigInt(id!)).id, change);
      await applyPassword(sim, updated.id, o);
      return publicAccount(updated);
    },
  ],
  [
    'POST',
    /^\/qr\/approve$/,
    (sim, _p, body) => {
      const o = objectBody(body);
      if (typeof o['token'] !== 'string')
        throw new SimulatorError('token must be a string (hex, base64url or tg://login URL)');
      sim.approveQr(o['token'], bigintField(o['userId'], 'userId'));
      return { ok: true };
    },
  ],
  [
    'POST',
    /^\/payments$/,
    (sim, _p, body) => {
      const o = objectBody(body);
      if (typeof o['phone'] !== 'string' || (o['outcome'] !== 'paid' && o['outcome'] !== 'failed'))
        throw new SimulatorError('need phone and outcome "paid" or "failed"');
      return { found: sim.setPaymentOutcome(o['phone'], o['outcome']) };
    },
  ],
  [
    'POST',
    /^\/firebase-pnv\/token$/,
    (sim, _p, body) => {
      const o = objectBody(body);
      if (typeof o['phone'] !== 'string' || typeof o['nonce'] !== 'string') throw new SimulatorError('need phone and nonce');
      return { googleToken: sim.issueFirebasePnvToken(o['phone'], o['nonce']) };
    },
  ],
  ['GET', /^\/clock$/, (sim) => ({ now: sim.clock.now() })],
  [
    'POST',
    /^\/clock\/advance$/,
    (sim, _p, body) => {
      const ms = objectBody(body)['ms'];
      if (typeof ms !== 'number' || !(ms >= 0)) throw new SimulatorError('ms must be a non-negative number');
      sim.clock.advance(ms);
      return { now: sim.clock.now() };
    },
  ],
  ['GET', /^\/faults$/, (sim) => sim.faults.snapshot()],
  ['POST', /^\/faults$/, (sim, _p, body) => setFaults(sim, objectBody(body))],
  ['DELETE', /^\/faults$/, (sim) => (sim.faults.clear(), sim.faults.snapshot())],
  ['GET', /^\/sessions$/, (sim) => sim.sessions()],
  ['GET', /^\/keys$/, (sim, _p, _b, q) => sim.keys(q.has('dc') ? Number(q.get('dc')) : undefined)],
];

/** Routes one control request. Never throws: bad input is 400, unknown paths 404, wrong methods 405. */
export async function handleControlRequest(
  sim: Simulator,
  method: string,
  url: string,
  body?: unknown,
): Promise<ControlResponse> {
  const [rawPath = '/', rawQuery = ''] = url.split('?', 2);
  const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : rawPath;
  let pathMatched = false;
  for (const [m, pattern, route] of routes) {
    const match = pattern.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (m !== method.toUpperCase()) continue;
    try {
      const params = match.slice(1).map((p) => decodeURIComponent(p));
      return { status: 200, json: toJson(await route(sim, params, body, new URLSearchParams(rawQuery))) };
    } catch (error) {
      if (error instanceof SimulatorError) return { status: 400, json: { error: error.message } };
      return { status: 500, json: { error: 'internal error' } };
    }
  }
  return pathMatched
    ? { status: 405, json: { error: `${method} not allowed on ${path}` } }
    : { status: 404, json: { error: `no route ${path}` } };
}

function account(sim: Simulator, id: bigint) {
  const a = sim.accounts.get(id);
  if (!a) throw new SimulatorError(`no account ${id}`);
  return a;
}

/** An account without its password verifier: whether one is set, its hint and recovery e-mail. */
function publicAccount(a: ReturnType<Simulator['accounts']['list']>[number]): unknown {
  const { password, ...rest } = a;
  return {
    ...rest,
    hasPassword: password !== undefined,
    hint: password?.hint,
    recoveryEmail: password?.recoveryEmail,
  };
}

async function applyPassword(sim: Simulator, id: bigint, o: Record<string, unknown>): Promise<void> {
  if (!('password' in o)) return;
  const pw = o['password'];
  if (pw !== null && typeof pw !== 'string') throw new SimulatorError('password must be a string or null');
  const extra: { hint?: string; recoveryEmail?: string } = {};
  if (typeof o['hint'] === 'string') extra.hint = o['hint'];
  if (typeof o['recoveryEmail'] === 'string') extra.recoveryEmail = o['recoveryEmail'];
  await sim.setPassword(id, pw ?? undefined, extra);
}

function setFaults(sim: Simulator, o: Record<string, unknown>): unknown {
  const out: Record<string, unknown> = {};
  if (o['delayMs'] !== undefined) {
    if (typeof o['delayMs'] !== 'number' || !(o['delayMs'] >= 0))
      throw new SimulatorError('delayMs must be a non-negative number');
    sim.faults.delay(o['delayMs']);
  }
  const r = o['reject'];
  if (r !== undefined) {
    const rej = objectBody(r);
    if (typeof rej['method'] !== 'string' || typeof rej['text'] !== 'string')
      throw new SimulatorError('reject needs method and text');
    const code = typeof rej['code'] === 'number' ? rej['code'] : 400;
    sim.faults.reject(
      rej['method'],
      code,
      rej['text'],
      typeof rej['times'] === 'number' ? rej['times'] : undefined,
    );
  }
  if (o['dropConnections'] === true) out['dropped'] = sim.faults.dropConnections();
  return { ...sim.faults.snapshot(), ...out };
}
