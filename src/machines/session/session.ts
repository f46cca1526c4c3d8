/**
 * The engine's session: home DC, the logged-in user, future auth tokens (core.telegram.org/api/auth "Future auth tokens") and the permanent
 * auth key (+ first server salt) of each DC, encoded as versioned JSON bytes for a `SessionStore`:
 * version 1 without keys (as before keys existed), version 2 with them. Never codes or passwords.
 * `SessionKeeper` holds it outside the machines so that tokens never enter machine context.
 */
import { bytesToHex, hexToBytes } from '../../crypto/index.js';
import { deserializeObject, serializeObject, type TlConstructorOf } from '../../tl/index.js';
import type { PhoneLoginResume } from '../phone-login/index.js';
import type { SentCode, UserSummary } from '../flow-kit/index.js';
import { AuthEngineError, type SessionStore } from '../core/index.js';

/** What a session remembers. */
export interface SessionData {
  homeDcId: number;
  /** Set when the home DC's key is logged in. */
  user?: UserSummary;
  /** Newest last; at most `MAX_FUTURE_TOKENS`. */
  futureAuthTokens: Uint8Array[];
  /** Permanent auth key per DC id, from the key machine. */
  authKeys?: Readonly<Record<number, StoredAuthKey>>;
  /** DCs other than home the login was imported to (auth.importAuthorization, core.telegram.org/api/datacenter "Authorization transfer"). */
  authorizedDcs?: readonly number[];
  /** A login waiting for the user when the engine stopped (durable engine); never a code or password. */
  pendingLogin?: PendingLogin;
}

/**
 * What a restarted engine needs to show the same wait screen without re-sending anything: for the
 * code screens the last auth.SentCode (TL bytes, hex) and the absolute time resend becomes allowed;
 * for the password and QR screens only the DC (their challenges are fetched fresh: the SRP
 * parameters are per attempt, and a QR token is a credential that is never stored).
 */
export type PendingLogin = PendingCodeLogin | { flow: 'password'; dcId: number; phone: string } | { flow: 'qr'; dcId: number };

/**
 * A login on the screens of one sent code (or paid-login offer), and the step reached with it:
 * `emailSetup` — the e-mail code of a login address being set up (masked address, code length);
 * `signUp` — the registration form (`terms`: help.termsOfService as hex TL bytes, public text);
 * `paymentFormId` — a paid login whose payment was pending (decimal). Never a code.
 */
export interface PendingCodeLogin {
  flow: 'code';
  dcId: number;
  phone: string;
  sentCode: string;
  resendAt: number;
  emailSetup?: { emailPattern: string; length: number };
  signUp?: { terms?: string };
  paymentFormId?: string;
}

/** A DC's permanent key and the salt to start a session with. */
export interface StoredAuthKey {
  readonly key: Uint8Array;
  readonly serverSalt: bigint;
}

/** Telegram asks clients to keep at most 20 future auth tokens, evicting the oldest (core.telegram.org/api/auth "Future auth tokens"). */
export const MAX_FUTURE_TOKENS = 20;

/** Session -> bytes (JSON; version 2 when it holds auth keys, else version 1). */
export function encodeSession(data: SessionData): Uint8Array {
  const keys = Object.entries(data.authKeys ?? {});
  const json = {
    v: keys.length > 0 ? 2 : 1,
    homeDcId: data.homeDcId,
    ...(data.user ? { user: data.user } : {}),
    futureAuthTokens: data.futureAuthTokens.map((t) => bytesToHex(t)),
    ...(data.authorizedDcs?.length ? { authorizedDcs: data.authorizedDcs } : {}),
    ...(data.pendingLogin ? { pendingLogin: data.pendingLogin } : {}),
    ...(keys.length > 0
      ? { authKeys: Object.fromEntries(keys.map(([dc, k]) => [dc, { key: bytesToHex(k.key), salt: k.serverSalt.toString() }])) }
      : {}),
  };
  return new TextEncoder().encode(JSON.stringify(json));
}

/** Bytes -> session; throws `AuthEngineError('session.corrupt')` on anything unexpected. */
export function decodeSession(bytes: Uint8Array): SessionData {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (cause) {
    throw new AuthEngineError('session.corrupt', 'stored session is not JSON', { cause });
  }
  const o = json as { v?: unknown; homeDcId?: unknown; user?: UserSummary; futureAuthTokens?: unknown; authKeys?: unknown; authorizedDcs?: unknown; pendingLogin?: unknown };
  if ((o.v !== 1 && o.v !== 2) || typeof o.homeDcId !== 'number' || !Array.isArray(o.futureAuthTokens)) {
    throw new AuthEngineError('session.corrupt', 'stored session has an unknown shape');
  }
  const authKeys = o.v === 2 ? decodeAuthKeys(o.authKeys) : {};
  return {
    homeDcId: o.homeDcId,
    ...(o.user && typeof o.user.id === 'string' ? { user: o.user } : {}),
    futureAuthTokens: o.futureAuthTokens.filter((t): t is string => typeof t === 'string').map((t) => hexToBytes(t)),
    ...(Object.keys(authKeys).length > 0 ? { authKeys } : {}),
    ...(Array.isArray(o.authorizedDcs) ? { authorizedDcs: o.authorizedDcs.filter((d): d is number => Number.isInteger(d)) } : {}),
    ...(isPendingLogin(o.pendingLogin) ? { pendingLogin: o.pendingLogin } : {}),
  };
}

/** A pending-login record of a known shape (anything else is ignored: the login starts over). */
function isPendingLogin(v: unknown): v is PendingLogin {
  const p = v as Partial<Record<string, unknown>> | null;
  if (typeof p !== 'object' || p === null || typeof p['dcId'] !== 'number') return false;
  if (p['flow'] === 'qr') return true;
  if (typeof p['phone'] !== 'string') return false;
  if (p['flow'] === 'password') return true;
  if (p['flow'] !== 'code' || typeof p['sentCode'] !== 'string' || typeof p['resendAt'] !== 'number') return false;
  const { emailSetup, signUp, paymentFormId } = p as Partial<Record<string, Partial<Record<string, unknown>>>> & { paymentFormId?: unknown };
  return (
    (emailSetup === undefined || (typeof emailSetup.emailPattern === 'string' && typeof emailSetup.length === 'number')) &&
    (signUp === undefined || (typeof signUp === 'object' && signUp !== null && ['string', 'undefined'].includes(typeof signUp.terms))) &&
    (paymentFormId === undefined || (typeof paymentFormId === 'string' && /^-?\d+$/.test(paymentFormId)))
  );
}

/** `{ "<dcId>": { key: hex(256 bytes), salt: decimal int64 } }`; anything else is corrupt. */
function decodeAuthKeys(value: unknown): Record<number, StoredAuthKey> {
  if (typeof value !== 'object' || value === null) throw new AuthEngineError('session.corrupt', 'stored auth keys are missing');
  const out: Record<number, StoredAuthKey> = {};
  for (const [dc, k] of Object.entries(value as Record<string, { key?: unknown; salt?: unknown }>)) {
    const dcId = Number(dc);
    if (!Number.isInteger(dcId) || typeof k?.key !== 'string' || typeof k.salt !== 'string' || !/^-?\d+$/.test(k.salt)) {
      throw new AuthEngineError('session.corrupt', `stored auth key for DC ${dc} has an unknown shape`);
    }
    const key = hexToBytes(k.key);
    if (key.length !== 256) throw new AuthEngineError('session.corrupt', `stored auth key for DC ${dc} is not 256 bytes`);
    out[dcId] = { key, serverSalt: BigInt(k.salt) };
  }
  return out;
}

/** Owns the session in memory and writes it through to the store on every change. */
export class SessionKeeper {
  private data: SessionData;

  constructor(
    private readonly store: SessionStore,
    defaultDcId: number,
  ) {
    this.data = { homeDcId: defaultDcId, futureAuthTokens: [] };
  }

  get current(): Readonly<SessionData> {
    return this.data;
  }

  /** Reads the store; an empty store keeps the defaults. */
  async load(): Promise<Readonly<SessionData>> {
    const bytes = await this.store.load();
    if (bytes !== undefined) this.data = decodeSession(bytes);
    return this.data;
  }

  futureAuthTokens(): readonly Uint8Array[] {
    return this.data.futureAuthTokens;
  }

  /** Keeps a token (newest last, oldest evicted). Persisted with the next `save`. */
  rememberFutureToken(token: Uint8Array): void {
    const tokens = [...this.data.futureAuthTokens, token];
    this.data = { ...this.data, futureAuthTokens: tokens.slice(-MAX_FUTURE_TOKENS) };
  }

  /** Records a completed login on `dcId` (which becomes the home DC) and persists. */
  async authorize(dcId: number, user: UserSummary): Promise<void> {
    const { pendingLogin: _done, ...rest } = this.data;
    this.data = { ...rest, homeDcId: dcId, user };
    await this.save();
  }

  /** Forgets the user (logout) but keeps the home DC and the future tokens, and persists. */
  async deauthorize(): Promise<void> {
    const { user: _user, authorizedDcs: _dcs, ...rest } = this.data;
    this.data = rest;
    await this.save();
  }

  async save(): Promise<void> {
    await this.store.save(encodeSession(this.data));
  }

  /** The stored permanent key of `dcId` (the transport's `DcKeyStore`). */
  authKey(dcId: number): StoredAuthKey | undefined {
    return this.data.authKeys?.[dcId];
  }

  /**
   * Keeps a new key and persists at once (a key is worth keeping even when no login follows).
   * A failed write leaves the key in memory only: it is remade on the next run. The failure is
   * kept in `lastSaveError` rather than thrown into the transport that reported the key.
   */
  setAuthKey(dcId: number, key: StoredAuthKey): void {
    this.data = { ...this.data, authKeys: { ...this.data.authKeys, [dcId]: key } };
    this.persistInBackground();
  }

  /** Forgets a key the server no longer knows (-404) and persists. */
  dropAuthKey(dcId: number): void {
    if (!this.data.authKeys?.[dcId]) return;
    const { [dcId]: _dropped, ...rest } = this.data.authKeys;
    this.data = { ...this.data, authKeys: rest };
    this.persistInBackground();
  }

  /** Records the login waiting for the user (or clears it) and persists. */
  async setPendingLogin(pending: PendingLogin | undefined): Promise<void> {
    const { pendingLogin: _old, ...rest } = this.data;
    this.data = pending ? { ...rest, pendingLogin: pending } : rest;
    await this.save();
  }

  /** Whether the login was imported to `dcId` (the transport's `DcKeyStore`). */
  isAuthorized(dcId: number): boolean {
    return this.data.user !== undefined && (this.data.authorizedDcs ?? []).includes(dcId);
  }

  /** Records (or forgets) an imported login on `dcId` and persists. */
  setAuthorized(dcId: number, authorized: boolean): void {
    const others = (this.data.authorizedDcs ?? []).filter((d) => d !== dcId);
    const next = authorized ? [...others, dcId] : others;
    if (next.length === (this.data.authorizedDcs ?? []).length && authorized === this.isAuthorized(dcId)) return;
    this.data = { ...this.data, authorizedDcs: next };
    this.persistInBackground();
  }

  /** The last background write failure, if any. */
  lastSaveError: unknown = undefined;

  private persistInBackground(): void {
    this.save().then(
      () => (this.lastSaveError = undefined),
      (error: unknown) => (this.lastSaveError = error),
    );
  }
}

/** A `SessionStore` in memory (tests, ephemeral logins). Holds a copy of the bytes. */
export function memoryStore(initial?: Uint8Array): SessionStore & { readonly bytes: Uint8Array | undefined } {
  return new MemoryStore(initial?.slice());
}

/** The memory store as a class: hosts keep one per engine, so no closures apiece (issue 11). */
class MemoryStore implements SessionStore {
  constructor(private stored: Uint8Array | undefined) {}
  get bytes(): Uint8Array | undefined {
    return this.stored;
  }
  load(): Promise<Uint8Array | undefined> {
    return Promise.resolve(this.stored?.slice());
  }
  save(b: Uint8Array): Promise<void> {
    this.stored = b.slice();
    return Promise.resolve();
  }
  clear(): Promise<void> {
    this.stored = undefined;
    return Promise.resolve();
  }
}

type TermsOfService = TlConstructorOf<'help.termsOfService'>;

/** A sent-code answer (or the terms of a sign-up) as the hex TL bytes a pending-login record keeps. */
export function encodeSentCode(sent: SentCode | TermsOfService): string {
  return bytesToHex(serializeObject(sent));
}

/**
 * The phone-login `resume` input for a pending record at `now`: the screens of its sent code
 * (the resend countdown cut to what is left of its absolute deadline) and the step it names, or
 * the password step. Undefined for QR (the engine re-opens it with `qr.start`) and for a record
 * that cannot be read.
 */
export function resumeInputOf(
  pending: PendingLogin | undefined,
  now: number,
): { dcId: number; resume: PhoneLoginResume | { phone: string; passwordNeeded: true } } | undefined {
  if (!pending || pending.flow === 'qr') return undefined;
  if (pending.flow === 'password') return { dcId: pending.dcId, resume: { phone: pending.phone, passwordNeeded: true } };
  let sent: SentCode;
  let terms: TermsOfService | undefined;
  try {
    sent = deserializeObject(hexToBytes(pending.sentCode)) as SentCode;
    const t = pending.signUp?.terms;
    terms = t === undefined ? undefined : (deserializeObject(hexToBytes(t)) as TermsOfService);
  } catch {
    return undefined;
  }
  if (sent._ === 'auth.sentCodeSuccess' || (terms !== undefined && terms._ !== 'help.termsOfService')) return undefined;
  const left = Math.max(0, Math.ceil((pending.resendAt - now) / 1000));
  const resent = sent._ === 'auth.sentCode' && sent.timeout !== undefined ? { ...sent, timeout: left } : sent;
  const resume: PhoneLoginResume = {
    phone: pending.phone,
    sent: resent,
    ...(pending.emailSetup ? { emailSetup: pending.emailSetup } : {}),
    ...(pending.signUp ? { signUp: terms ? { termsOfService: terms } : {} } : {}),
    ...(pending.paymentFormId === undefined ? {} : { paymentFormId: BigInt(pending.paymentFormId) }),
  };
  return { dcId: pending.dcId, resume };
}
