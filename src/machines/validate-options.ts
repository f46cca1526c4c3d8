/**
 * `createAuthEngine`'s options checked before anything starts: a host that passes
 * `Number(process.env.API_ID)` with the variable unset (NaN) gets `AuthOptionsError` naming
 * `apiId` at construction, instead of an engine that fails deep inside its first request.
 */
import { AuthEngineError } from './errors.js';

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
const hasMethods = (v: unknown, ...names: string[]): boolean =>
  isObject(v) && names.every((n) => typeof v[n] === 'function');

function need(ok: boolean, option: string, message: string): void {
  if (!ok) throw new AuthOptionsError(option, message);
}

/** Optional fields: absent (or undefined), else `ok`. */
function optional(options: Options, name: string, ok: (v: unknown) => boolean, message: string): void {
  const v = options[name];
  if (v !== undefined) need(ok(v), name, message);
}

const nonNegative = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/**
 * Throws `AuthOptionsError` unless `options` can start an engine. Checks shapes only (a port is an
 * object with the right functions); the values' meaning (a DC list's addresses) is `resolveDcs`'s.
 */
export function validateEngineOptions(input: unknown): void {
  need(isObject(input), 'options', 'must be an object');
  const o = input as Options;
  const apiId = o.apiId;
  need(
    typeof apiId === 'number' && Number.isInteger(apiId) && apiId > 0 && apiId <= 0x7fffffff,
    'apiId',
    `must be a positive 32-bit integer (from my.telegram.org; any works on the simulator), got ${typeof apiId === 'number' ? String(apiId) : typeof apiId}`,
  );
  need(typeof o.apiHash === 'string' && o.apiHash.length > 0, 'apiHash', 'must be a non-empty string (from my.telegram.org)');
  if (o.rpc !== undefined) {
    need(hasMethods(o.rpc, 'invoke') && isObject((o.rpc as Options).updates$), 'rpc', 'must be an AuthRpc ({ invoke, updates$ })');
  } else {
    need(o.dial !== undefined, 'dial', 'is required without `rpc` (nodeTcpDial() in Node, webSocketDial() in browsers)');
    need(typeof o.dial === 'function', 'dial', 'must be a function (nodeTcpDial(), webSocketDial())');
    // Never a silent default: a missing `dcs` must not quietly mean production Telegram.
    need(
      o.dcs !== undefined,
      'dcs',
      "is required: 'production' or 'test' for Telegram, or the JSON line `tgauth sim` prints for the simulator",
    );
    need(o.clock !== undefined, 'clock', 'is required with `dial` (systemClock from tgauth/adapters/node or /browser)');
  }
  optional(
    o,
    'dcs',
    (v) => v === 'production' || v === 'test' || Array.isArray(v) || (isObject(v) && Array.isArray(v.dcs)),
    "must be 'production', 'test', a DC list, or the simulator's config ({ dcs: [...] })",
  );
  optional(o, 'clock', (v) => hasMethods(v, 'now', 'setTimeout', 'clearTimeout'), 'must be a Clock ({ now, setTimeout, clearTimeout })');
  optional(o, 'store', (v) => hasMethods(v, 'load', 'save', 'clear'), 'must be a SessionStore ({ load, save, clear })');
  optional(o, 'random', (v) => hasMethods(v, 'bytes'), 'must be a Random ({ bytes(n) })');
  optional(o, 'srp', (v) => hasMethods(v, 'computeSrpCheck', 'computeSrpVerifier'), 'must be SrpCrypto ({ computeSrpCheck, computeSrpVerifier })');
  optional(o, 'crypto', isObject, 'must be a CryptoProvider');
  optional(o, 'inspect', (v) => typeof v === 'function', 'must be a function');
  optional(o, 'rsaPublicKeyPem', (v) => typeof v === 'string', 'must be PEM text');
  optional(o, 'rsaKeys', Array.isArray, 'must be an array of PEM texts or parsed keys');
  for (const port of ['codeSettings', 'firebase', 'payment', 'passkey', 'device'] as const) {
    optional(o, port, isObject, 'must be an object');
  }
  optional(o, 'messages', (v) => isObject(v) && Object.values(v).every((s) => typeof s === 'string'), 'must map error codes to strings');
  optional(
    o,
    'pfs',
    (v) => v === false || (isObject(v) && (v.tempKeyTtlSeconds === undefined || (Number.isInteger(v.tempKeyTtlSeconds) && (v.tempKeyTtlSeconds as number) > 0))),
    'must be false or { tempKeyTtlSeconds?: a positive integer }',
  );
  if (o.transport !== undefined) {
    need(isObject(o.transport), 'transport', 'must be an object');
    const t = o.transport as Options;
    for (const name of ['pingIntervalMs', 'handshakeTimeoutMs'] as const) {
      if (t[name] !== undefined) need(nonNegative(t[name]), `transport.${name}`, 'must be a non-negative number of milliseconds');
    }
    if (t.backoff !== undefined) need(isObject(t.backoff), 'transport.backoff', 'must be an object');
  }
}
