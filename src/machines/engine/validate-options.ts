/**
 * `createAuthEngine`'s options checked before anything starts: a host that passes
 * `Number(process.env.API_ID)` with the variable unset (NaN) gets `AuthOptionsError` naming
 * `apiId` at construction, instead of an engine that fails deep inside its first request.
 * Table-driven and terse: this ships in every browser bundle.
 */
import { AuthEngineError } from '../core/index.js';

/** A `createAuthEngine` option is missing or has the wrong shape (code `'options.invalid'`). */
export class AuthOptionsError extends AuthEngineError {
  /** The option at fault, e.g. `'apiId'`, `'dcs'`, `'transport.pingIntervalMs'`. */
  readonly option: string;
  constructor(option: string, message: string, options?: { cause?: unknown }) {
    super('options.invalid', `createAuthEngine: \`${option}\` ${message}`, options);
    this.option = option;
  }
}

type Options = Record<string, unknown>;

const isObject = (v: unknown): v is Options => typeof v === 'object' && v !== null;

/** Ports: the methods each must have. */
const PORTS: Record<string, string> = {
  clock: 'now setTimeout clearTimeout',
  store: 'load save clear',
  random: 'bytes',
  srp: 'computeSrpCheck computeSrpVerifier',
};
/** Options that are plain objects, and the one that is a function. */
const OBJECTS = 'crypto codeSettings firebase payment passkey device transport.backoff'.split(' ');

function need(ok: boolean, option: string, message: string): void {
  if (!ok) throw new AuthOptionsError(option, message);
}

const positiveInt = (v: unknown, max = Number.MAX_SAFE_INTEGER): boolean =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= max;

/**
 * Throws `AuthOptionsError` unless `options` can start an engine. Checks shapes only (a port is an
 * object with the right functions); the values' meaning (a DC list's addresses) is `resolveDcs`'s.
 */
export function validateEngineOptions(input: unknown): void {
  need(isObject(input), 'options', 'must be an object');
  const o = input as Options;
  const t = isObject(o.transport) ? o.transport : {};
  const at = (path: string): unknown => (path.startsWith('transport.') ? t[path.slice(10)] : o[path]);
  need(positiveInt(o.apiId, 0x7fffffff), 'apiId', `must be a positive 32-bit integer (my.telegram.org; any on the simulator), got ${String(o.apiId)}`);
  need(typeof o.apiHash === 'string' && o.apiHash !== '', 'apiHash', 'must be a non-empty string (my.telegram.org)');
  if (o.rpc === undefined) {
    need(typeof o.dial === 'function', 'dial', 'must be given without `rpc`: nodeTcpDial() or webSocketDial()');
    // Never a silent default: a missing `dcs` must not quietly mean production Telegram.
    need(o.dcs !== undefined, 'dcs', "is required: 'production' or 'test' for Telegram, or the line `tgauth sim` prints");
    need(o.clock !== undefined, 'clock', 'is required with `dial` (systemClock)');
  } else {
    need(isObject(o.rpc) && typeof o.rpc.invoke === 'function', 'rpc', 'must be an AuthRpc');
  }
  const d = o.dcs;
  need(d === undefined || d === 'production' || d === 'test' || Array.isArray(d) || (isObject(d) && Array.isArray(d.dcs)), 'dcs', "must be 'production', 'test', a DC list or the simulator's config");
  for (const [name, methods] of Object.entries(PORTS)) {
    const v = o[name];
    need(v === undefined || (isObject(v) && methods.split(' ').every((m) => typeof v[m] === 'function')), name, `must have ${methods}`);
  }
  for (const name of OBJECTS) need(at(name) === undefined || isObject(at(name)), name, 'must be an object');
  need(o.transport === undefined || isObject(o.transport), 'transport', 'must be an object');
  for (const name of ['transport.pingIntervalMs', 'transport.handshakeTimeoutMs']) {
    const v = at(name);
    need(v === undefined || (typeof v === 'number' && v >= 0 && v < Infinity), name, 'must be milliseconds (>= 0)');
  }
  need(o.inspect === undefined || typeof o.inspect === 'function', 'inspect', 'must be a function');
  need(o.rsaKeys === undefined || Array.isArray(o.rsaKeys), 'rsaKeys', 'must be an array');
  need(o.rsaPublicKeyPem === undefined || typeof o.rsaPublicKeyPem === 'string', 'rsaPublicKeyPem', 'must be PEM text');
  const pfs = o.pfs;
  need(pfs === undefined || pfs === false || (isObject(pfs) && (pfs.tempKeyTtlSeconds === undefined || positiveInt(pfs.tempKeyTtlSeconds))), 'pfs', 'must be false or { tempKeyTtlSeconds: a positive integer }');
  const m = o.messages;
  need(m === undefined || (isObject(m) && Object.values(m).every((s) => typeof s === 'string')), 'messages', 'must map error codes to strings');
}
