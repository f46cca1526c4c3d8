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

const optString = (o: Record<string, unknown>, k: string, max = 256): string | undefined => {
  const v = o[k];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new SimulatorError(`${k} must be a string`);
  if (v.length > max) throw new SimulatorError(`${k} is longer than ${max} characters`);
  return v;
};

/** Every field an account body may carry (the password ones are handled by the router). */
const ACCOUNT_FIELDS = new Set([
  'id', 'phone', 'dcId', 'firstName', 'lastName', 'bot', 'botToken', 'loginEmail', 'webTokens',
  'switches', 'passkeys', 'password', 'hint', 'recoveryEmail',
]);
const BOOLEAN_SWITCHES = ['firebaseRequired', 'paymentRequired', 'emailSetupRequired', 'signUpRequired', 'banned'] as const;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** `o.switches` checked field by field; `null` for sendCodeLimit means the cluster's default. */
function switchesInput(v: unknown): AccountSwitches {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new SimulatorError('switches must be an object');
  const out: AccountSwitches = {};
  for (const [k, value] of Object.entries(v)) {
    if ((BOOLEAN_SWITCHES as readonly string[]).includes(k)) {
      if (typeof value !== 'boolean') throw new SimulatorError(`switches.${k} must be true or false`);
      out[k as (typeof BOOLEAN_SWITCHES)[number]] = value;
    } else if (k === 'sendCodeLimit') {
      if (value === null) out.sendCodeLimit = undefined;
      else if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1_000_000)
        throw new SimulatorError('switches.sendCodeLimit must be an integer from 0 to 1000000 (or null)');
      else out.sendCodeLimit = value;
    } else throw new SimulatorError(`unknown switch "${k}" (known: ${[...BOOLEAN_SWITCHES, 'sendCodeLimit'].join(', ')})`);
  }
  return out;
}

/**
 * Account fields from JSON (create and change share it; a password is handled by the router).
 * Unknown fields are refused by name, so a typo is not silently ignored.
 */
export function accountInput(o: Record<string, unknown>, dcCount = 1000): AccountInput {
  for (const k of Object.keys(o)) if (!ACCOUNT_FIELDS.has(k)) throw new SimulatorError(`unknown field "${k}"`);
  const input: AccountInput = {};
  if (o['id'] !== undefined) input.id = bigintField(o['id'], 'id');
  for (const k of ['phone', 'firstName', 'lastName', 'botToken', 'loginEmail'] as const) {
    const v = optString(o, k);
    if (v !== undefined) input[k] = v;
  }
  // null removes a bot token or a login e-mail.
  for (const k of ['botToken', 'loginEmail'] as const) if (o[k] === null || o[k] === '') input[k] = undefined;
  if (input.phone !== undefined && input.phone !== '' && !/^\+?[\d\s\-()]{5,24}$/.test(input.phone))
    throw new SimulatorError('phone must be 5 to 15 digits (spaces, dashes and a leading + are ignored)');
  if (input.loginEmail !== undefined && input.loginEmail !== '' && !EMAIL.test(input.loginEmail))
    throw new SimulatorError('loginEmail must look like name@example.com');
  if (input.botToken !== undefined && input.botToken !== '' && !/^\d+:[\w-]+$/.test(input.botToken))
    throw new SimulatorError('botToken must look like 123456:secret');
  if (o['dcId'] !== undefined) {
    const dc = o['dcId'];
    if (typeof dc !== 'number' || !Number.isInteger(dc) || dc < 1 || dc > dcCount)
      throw new SimulatorError(`dcId must be an integer from 1 to ${dcCount}`);
    input.dcId = dc;
  }
  if (o['bot'] !== undefined) input.bot = o['bot'] === true;
  if (o['webTokens'] !== undefined) {
    if (!Array.isArray(o['webTokens']) || !o['webTokens'].every((t) => typeof t === 'string'))
      throw new SimulatorError('webTokens must be strings');
    input.webTokens = o['webTokens'] as string[];
  }
  if (o['switches'] !== undefined) input.switches = switchesInput(o['switches']);
  if (o['passkeys'] !== undefined) {
    if (!Array.isArray(o['passkeys'])) throw new SimulatorError('passkeys must be an array');
    input.passkeys = o['passkeys'].map((raw: unknown, i): PasskeyRecord => {
      const p = objectBody(raw);
      const publicKey = optString(p, 'publicKey', 1024);
      if (!publicKey || !/^04([0-9a-f]{2}){64}$/i.test(publicKey))
        throw new SimulatorError(`passkeys[${i}].publicKey must be an uncompressed P-256 point: 65 bytes of hex starting 04`);
      const id = optString(p, 'id') ?? '';
      if (!/^[\w-]+$/.test(id)) throw new SimulatorError(`passkeys[${i}].id must be a base64url credential id`);
      return { id, publicKey: hexToBytes(publicKey), name: optString(p, 'name') ?? 'passkey', signCount: 0 };
    });
  }
  for (const k of ['hint', 'recoveryEmail'] as const) optString(o, k);
  if (typeof o['recoveryEmail'] === 'string' && o['recoveryEmail'] !== '' && !EMAIL.test(o['recoveryEmail']))
    throw new SimulatorError('recoveryEmail must look like name@example.com');
  return input;
}
