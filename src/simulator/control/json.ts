/**
 * JSON shapes of the control API: simulator values out (bigint as decimal strings, bytes as hex),
 * account input in (ids from strings, keys from hex). Bad input is a `SimulatorError`, which the
 * router answers with 400.
 */
import { bytesToHex, hexToBytes } from '../../crypto/index.js';
import { SimulatorError } from '../errors.js';
import type { AccountInput, AccountSwitches, PasskeyRecord } from '../state/accounts.js';

/** A JSON-safe copy of `value`: bigint -> string, Uint8Array -> hex, functions dropped. */
export function toJson(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return bytesToHex(value);
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      if (v !== undefined && typeof v !== 'function') out[k] = toJson(v);
    return out;
  }
  return value;
}

/** A bigint from a JSON number or decimal string. */
export function bigintField(v: unknown, name: string): bigint {
  if (typeof v === 'bigint') return v;
  if ((typeof v === 'string' && /^-?\d+$/.test(v)) || (typeof v === 'number' && Number.isSafeInteger(v)))
    return BigInt(v);
  throw new SimulatorError(`${name} must be an integer or a decimal string`);
}

/** `body` as an object, or a SimulatorError. */
export function objectBody(body: unknown): Record<string, unknown> {
  const parsed = typeof body === 'string' ? parseJson(body) : (body ?? {});
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new SimulatorError('the body must be a JSON object');
  return parsed as Record<string, unknown>;
}

function parseJson(text: string): unknown {
  try {
    return text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new SimulatorError('the body is not JSON');
  }
}

const optString = (o: Record<string, unknown>, k: string): string | undefined => {
  const v = o[k];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new SimulatorError(`${k} must be a string`);
  return v;
};

/** Account fields from JSON (create and change share it; a password is handled by the router). */
export function accountInput(o: Record<string, unknown>): AccountInput {
  const input: AccountInput = {};
  if (o['id'] !== undefined) input.id = bigintField(o['id'], 'id');
  for (const k of ['phone', 'firstName', 'lastName', 'botToken', 'loginEmail'] as const) {
    const v = optString(o, k);
    if (v !== undefined) input[k] = v;
  }
  if (o['dcId'] !== undefined) {
    if (typeof o['dcId'] !== 'number' || !Number.isInteger(o['dcId']))
      throw new SimulatorError('dcId must be an integer');
    input.dcId = o['dcId'];
  }
  if (o['bot'] !== undefined) input.bot = o['bot'] === true;
  if (o['webTokens'] !== undefined) {
    if (!Array.isArray(o['webTokens']) || !o['webTokens'].every((t) => typeof t === 'string'))
      throw new SimulatorError('webTokens must be strings');
    input.webTokens = o['webTokens'] as string[];
  }
  if (o['switches'] !== undefined) {
    if (typeof o['switches'] !== 'object' || o['switches'] === null)
      throw new SimulatorError('switches must be an object');
    input.switches = o['switches'] as AccountSwitches;
  }
  if (o['passkeys'] !== undefined) {
    if (!Array.isArray(o['passkeys'])) throw new SimulatorError('passkeys must be an array');
    input.passkeys = o['passkeys'].map((p: Record<string, unknown>): PasskeyRecord => {
      const publicKey = optString(p, 'publicKey');
      if (!publicKey || !/^([0-9a-f]{2})+$/i.test(publicKey))
        throw new SimulatorError('passkeys[].publicKey must be hex');
      return {
        id: optString(p, 'id') ?? '',
        publicKey: hexToBytes(publicKey),
        name: optString(p, 'name') ?? 'passkey',
        signCount: 0,
      };
    });
  }
  return input;
}
