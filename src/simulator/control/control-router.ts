/**
 * The control API as a pure HTTP router (docs/ARCHITECTURE.md "The simulator"): method + path + parsed JSON body
 * in, status + JSON out. The Node HTTP shell in adapters/ only moves bytes (and streams the live
 * events, and serves the console page); everything the API means is here, over the same in-process
 * calls tests use. docs/SIMULATOR.md lists every route with an example.
 *
 *   GET  /config                      the JSON the CLI prints
 *   GET  /inbox[?after=seq]           the latest codes and e-mails to anyone (the console's inbox)
 *   GET  /inbox/:phoneOrEmail         codes and e-mails delivered there
 *   accounts and authorizations       see account-routes.ts
 *   GET  /qr                          live QR login tokens
 *   POST /qr/approve                  { token, userId }: accept a QR token as that user
 *   POST /payments                    { phone, outcome: "paid" | "failed" }
 *   POST /firebase-pnv/token          { phone, nonce }: the Google token a Firebase PNV login finishes with
 *   GET  /clock  ·  POST /clock/advance { ms }
 *   GET  /faults · POST /faults { delayMs, blackHole, reject: { method, code, text, times }, dropConnections } · DELETE /faults
 *   GET  /rpc-log[?after=seq&limit=n&phone=&key=]   the last requests answered
 *   GET  /dcs  ·  GET /sessions  ·  GET /keys[?dc=N&limit=n]
 */
import { listQrTokens, summarizeDcs } from '../cluster/console-views.js';
import type { Simulator } from '../cluster/simulator.js';
import { SimulatorError } from '../errors.js';
import { accountRoutes } from './account-routes.js';
import { bigintField, objectBody, toJson } from './json.js';
import { intParam, type Route } from './route.js';

/** An HTTP answer. */
export interface ControlResponse {
  status: number;
  json: unknown;
}

const routes: Route[] = [
  ['GET', /^\/config$/, (sim) => sim.config()],
  ['GET', /^\/inbox$/, (sim, _p, _b, q) => sim.state.inbox.recent(intParam(q, 'after', 0))],
  ['GET', /^\/inbox\/([^/]+)$/, (sim, [who]) => sim.inbox(who!)],
  ...accountRoutes,
  ['GET', /^\/qr$/, (sim) => listQrTokens(sim.state)],
  [
    'POST',
    /^\/qr\/approve$/,
    (sim, _p, body) => {
      const o = objectBody(body);
      if (typeof o['token'] !== 'string' || o['token'] === '')
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
  [
    'GET',
    /^\/clock$/,
    (sim) => ({
      now: sim.clock.now(),
      offsetMs: sim.clock.offsetMs,
      codeTtlMs: sim.state.settings.codeTtlMs,
      qrTtlMs: sim.state.settings.qrTtlMs,
    }),
  ],
  [
    'POST',
    /^\/clock\/advance$/,
    (sim, _p, body) => {
      const ms = objectBody(body)['ms'];
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > 10 * 365 * 86_400_000)
        throw new SimulatorError('ms must be a number of milliseconds from 0 to ten years');
      sim.clock.advance(ms);
      return { now: sim.clock.now() };
    },
  ],
  ['GET', /^\/faults$/, (sim) => sim.faults.snapshot()],
  ['POST', /^\/faults$/, (sim, _p, body) => setFaults(sim, objectBody(body))],
  ['DELETE', /^\/faults$/, (sim) => (sim.faults.clear(), sim.faults.snapshot())],
  ['GET', /^\/rpc-log$/, (sim, _p, _b, q) => rpcLog(sim, q)],
  ['GET', /^\/dcs$/, (sim) => summarizeDcs(sim.state, sim.config().dcs, sim.connectionCounts())],
  ['GET', /^\/sessions$/, (sim) => sim.sessions()],
  [
    'GET',
    /^\/keys$/,
    (sim, _p, _b, q) => {
      const keys = sim.keys(q.has('dc') ? intParam(q, 'dc', 0) : undefined);
      return q.has('limit') ? keys.slice(-intParam(q, 'limit', keys.length)) : keys;
    },
  ],
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
      const params = match.slice(1).map((p) => (p === undefined ? '' : decodeURIComponent(p)));
      const json = toJson(await route(sim, params, body, new URLSearchParams(rawQuery)));
      if (m !== 'GET') sim.state.notify('control');
      return { status: 200, json };
    } catch (error) {
      if (error instanceof SimulatorError) return { status: 400, json: { error: error.message } };
      return { status: 500, json: { error: 'internal error' } };
    }
  }
  return pathMatched
    ? { status: 405, json: { error: `${method} not allowed on ${path}` } }
    : { status: 404, json: { error: `no route ${path}` } };
}

/** The RPC log after `after`, newest `limit`, optionally only one phone's or one key's calls. */
function rpcLog(sim: Simulator, q: URLSearchParams): unknown {
  const log = sim.state.rpcLog;
  const phone = (q.get('phone') ?? '').replace(/\D/g, '');
  const key = q.get('key') ?? '';
  let entries = log.since(intParam(q, 'after', 0), intParam(q, 'limit', log.capacity));
  if (phone) entries = entries.filter((e) => e.phone?.includes(phone));
  if (key) entries = entries.filter((e) => e.authKeyId.toString() === key || e.permKeyId?.toString() === key);
  return { lastSeq: log.lastSeq, capacity: log.capacity, entries };
}

function setFaults(sim: Simulator, o: Record<string, unknown>): unknown {
  for (const k of Object.keys(o))
    if (!['delayMs', 'blackHole', 'reject', 'dropConnections'].includes(k)) throw new SimulatorError(`unknown fault "${k}"`);
  const out: Record<string, unknown> = {};
  if (o['delayMs'] !== undefined) {
    const ms = o['delayMs'];
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > 600_000)
      throw new SimulatorError('delayMs must be a number of milliseconds from 0 to 600000');
    sim.faults.delay(ms);
  }
  if (o['blackHole'] !== undefined) {
    if (typeof o['blackHole'] !== 'boolean') throw new SimulatorError('blackHole must be true or false');
    sim.faults.blackHole = o['blackHole'];
  }
  const r = o['reject'];
  if (r !== undefined) {
    const rej = objectBody(r);
    if (typeof rej['method'] !== 'string' || !/^[\w.]+$/.test(rej['method']))
      throw new SimulatorError('reject.method must be a method name like auth.sendCode');
    if (typeof rej['text'] !== 'string' || !/^[A-Z0-9_]+$/.test(rej['text']))
      throw new SimulatorError('reject.text must be an error name like FLOOD_WAIT_30 (capitals, digits, _)');
    const code = rej['code'] ?? 400;
    if (typeof code !== 'number' || !Number.isInteger(code) || code < 300 || code > 599)
      throw new SimulatorError('reject.code must be an integer from 300 to 599');
    const times = rej['times'];
    if (times !== undefined && (typeof times !== 'number' || !Number.isInteger(times) || times < 1))
      throw new SimulatorError('reject.times must be a positive integer (absent: until cleared)');
    sim.faults.reject(rej['method'], code, rej['text'], times);
  }
  if (o['dropConnections'] === true) out['dropped'] = sim.faults.dropConnections();
  return { ...sim.faults.snapshot(), ...out };
}
