/**
 * The engine's session: home DC, the logged-in user, and future auth tokens (§F.8), encoded as
 * versioned JSON bytes for a `SessionStore`. Auth keys will join it with the key lifecycle machine.
 * `SessionKeeper` holds it outside the machines so that tokens never enter machine context.
 */
import { bytesToHex, hexToBytes } from '../crypto/index.js';
import type { UserSummary } from './auth-view.js';
import { AuthEngineError } from './errors.js';
import type { SessionStore } from './ports.js';

/** What a session remembers. */
export interface SessionData {
  homeDcId: number;
  /** Set when the home DC's key is logged in. */
  user?: UserSummary;
  /** Newest last; at most `MAX_FUTURE_TOKENS`. */
  futureAuthTokens: Uint8Array[];
}

/** Telegram asks clients to keep at most 20 future auth tokens, evicting the oldest (§F.8). */
export const MAX_FUTURE_TOKENS = 20;

/** Session -> bytes (JSON, version 1). */
export function encodeSession(data: SessionData): Uint8Array {
  const json = {
    v: 1,
    homeDcId: data.homeDcId,
    ...(data.user ? { user: data.user } : {}),
    futureAuthTokens: data.futureAuthTokens.map((t) => bytesToHex(t)),
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
  const o = json as { v?: unknown; homeDcId?: unknown; user?: UserSummary; futureAuthTokens?: unknown };
  if (o.v !== 1 || typeof o.homeDcId !== 'number' || !Array.isArray(o.futureAuthTokens)) {
    throw new AuthEngineError('session.corrupt', 'stored session has an unknown shape');
  }
  return {
    homeDcId: o.homeDcId,
    ...(o.user && typeof o.user.id === 'string' ? { user: o.user } : {}),
    futureAuthTokens: o.futureAuthTokens.filter((t): t is string => typeof t === 'string').map((t) => hexToBytes(t)),
  };
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
    this.data = { ...this.data, homeDcId: dcId, user };
    await this.save();
  }

  /** Forgets the user (logout) but keeps the home DC and the future tokens, and persists. */
  async deauthorize(): Promise<void> {
    const { user: _user, ...rest } = this.data;
    this.data = rest;
    await this.save();
  }

  async save(): Promise<void> {
    await this.store.save(encodeSession(this.data));
  }
}

/** A `SessionStore` in memory (tests, ephemeral logins). Holds a copy of the bytes. */
export function memoryStore(initial?: Uint8Array): SessionStore & { readonly bytes: Uint8Array | undefined } {
  let bytes = initial?.slice();
  return {
    get bytes() {
      return bytes;
    },
    load: () => Promise.resolve(bytes?.slice()),
    save: (b) => {
      bytes = b.slice();
      return Promise.resolve();
    },
    clear: () => {
      bytes = undefined;
      return Promise.resolve();
    },
  };
}
