/**
 * What a method handler sees: the request, the connection it came on and the simulator state.
 * Handlers are sans-IO: they return a TL value or throw an `RpcError`; the cluster does the rest.
 */
import type { AuthKeyRecord, ClientInfo } from '../state/auth-keys.js';
import type { Account } from '../state/accounts.js';
import type { SimState } from '../state/sim-state.js';
import { fail, unregistered } from '../errors.js';

/** A TL object as the TL layer represents it: a literal `_` and camelCase fields. */
export type TlValue = { _: string } & Record<string, unknown>;

/** A method result: a TL object, a Bool (`true`/`false`) or a bare vector. */
export type MethodResult = TlValue | boolean | TlValue[];

/** Where a request came from, as the server session knows it. */
export interface CallContext {
  dcId: number;
  /** The key the message was encrypted with (temp or permanent). */
  authKeyId: bigint;
  sessionId: bigint;
  /** msg_id of the message carrying the request (bindTempAuthKey checks it). */
  msgId: bigint;
  /** From invokeWithLayer, when the session layer already unwrapped it. */
  layer?: number;
  /** From initConnection, when the session layer already unwrapped it. */
  client?: ClientInfo;
}

/** One call in progress. */
export interface Call {
  state: SimState;
  ctx: CallContext;
  /** The key the request arrived on. */
  key: AuthKeyRecord;
  /** The key whose login applies (the bound permanent key for a temp key). */
  perm: AuthKeyRecord;
}

/** A method handler. `req` is the decoded TL method object. */
export type Handler = (req: TlValue, call: Call) => MethodResult | Promise<MethodResult>;

/** How the dispatcher guards a method. */
export interface MethodSpec {
  handler: Handler;
  /** Callable before login (core.telegram.org/api/auth list). */
  unauthed?: boolean;
  /** Callable on a temp key not yet bound (core.telegram.org/api/pfs). */
  onUnboundTemp?: boolean;
  /** Bots may not call it (its page on core.telegram.org/method/ lists "Only users can use this method"). */
  userOnly?: boolean;
}

/** The logged-in account of this call, or 401 AUTH_KEY_UNREGISTERED. */
export function requireUser(call: Call): Account {
  const id = call.perm.userId;
  const account = id === undefined ? undefined : call.state.accounts.get(id);
  if (!account) throw unregistered();
  return account;
}

/** Typed field access for handlers: the TL layer already checked types, this only narrows them. */
export const str = (req: TlValue, field: string): string => (typeof req[field] === 'string' ? (req[field] as string) : '');
export const int = (req: TlValue, field: string): number => (typeof req[field] === 'number' ? (req[field] as number) : 0);
export const long = (req: TlValue, field: string): bigint => (typeof req[field] === 'bigint' ? (req[field] as bigint) : 0n);
export const bytes = (req: TlValue, field: string): Uint8Array =>
  req[field] instanceof Uint8Array ? (req[field] as Uint8Array) : new Uint8Array(0);
export const obj = (req: TlValue, field: string): TlValue | undefined => {
  const v = req[field];
  return typeof v === 'object' && v !== null && '_' in v ? (v as TlValue) : undefined;
};

/** API_ID_INVALID unless the api_id is acceptable (any positive id unless a list is configured). */
export function checkApiId(call: Call, apiId: number, apiHash: string): void {
  const allowed = call.state.settings.apiIds;
  if (apiId <= 0 || apiHash === '' || (allowed.length > 0 && !allowed.includes(apiId))) throw fail(400, 'API_ID_INVALID');
}
