/**
 * What the console shows beyond the plain listings (cluster/listings.ts): pending QR tokens, an
 * account's authorizations (the devices logged in as it), per-DC summaries, and the two changes
 * only the console makes: resetting authorizations and deleting an account. Ids and names only;
 * never key bytes.
 */
import { SimulatorError } from '../errors.js';
import { base64url } from '../methods/passkey.js';
import type { ClientInfo } from '../state/auth-keys.js';
import type { SimState } from '../state/sim-state.js';

/** A QR login token waiting to be scanned (or accepted and not yet imported). */
export interface QrTokenInfo {
  /** The `tg://login?token=…` link the login screen draws. */
  link: string;
  dcId: number;
  /** The key that asked for it (the one updateLoginToken goes to). */
  authKeyId: bigint;
  expiresAt: number;
  exceptIds: bigint[];
  acceptedBy?: bigint | undefined;
}

/** One device logged in as a user: a permanent key and what its client declared. */
export interface AuthorizationInfo {
  authKeyId: bigint;
  dcId: number;
  createdAt: number;
  authorizedAt?: number | undefined;
  boundTempId?: bigint | undefined;
  layer?: number | undefined;
  client?: ClientInfo | undefined;
}

/** One DC at a glance. */
export interface DcSummary {
  id: number;
  host: string;
  tcpPort: number;
  wsPort?: number | undefined;
  connections: number;
  permKeys: number;
  tempKeys: number;
  /** Permanent keys logged in as a user. */
  authorizedKeys: number;
}

/** Live QR tokens, newest first (migrate tokens, an internal step of the import, are left out). */
export function listQrTokens(state: SimState): QrTokenInfo[] {
  const now = state.now();
  const out: QrTokenInfo[] = [];
  for (const t of state.qrTokens.values()) {
    if (t.migrated || t.expiresAt <= now) continue;
    out.push({
      link: `tg://login?token=${base64url(t.token)}`,
      dcId: t.dcId,
      authKeyId: t.authKeyId,
      expiresAt: t.expiresAt,
      exceptIds: t.exceptIds,
      acceptedBy: t.acceptedBy,
    });
  }
  return out.reverse();
}

/** The permanent keys logged in as `userId`. */
export function listAuthorizations(state: SimState, userId: bigint): AuthorizationInfo[] {
  return state.keys.ofUser(userId).map((k) => ({
    authKeyId: k.id,
    dcId: k.dcId,
    createdAt: k.createdAt,
    authorizedAt: k.authorizedAt,
    boundTempId: k.boundTempId,
    layer: k.layer,
    client: k.client,
  }));
}

/**
 * Logs out one authorization of `userId` (or all when `authKeyId` is absent), as a reset from
 * another device would: the client's next call gets AUTH_KEY_UNREGISTERED. Returns how many.
 */
export function resetAuthorizations(state: SimState, userId: bigint, authKeyId?: bigint): number {
  const keys = state.keys
    .ofUser(userId)
    .filter((k) => authKeyId === undefined || k.id === BigInt.asUintN(64, authKeyId));
  if (authKeyId !== undefined && keys.length === 0)
    throw new SimulatorError(`user ${userId} has no authorization on key ${authKeyId}`);
  for (const key of keys) {
    key.userId = undefined;
    key.authorizedAt = undefined;
  }
  return keys.length;
}

/** Deletes an account and logs out every device logged in as it. */
export function deleteAccount(state: SimState, userId: bigint): void {
  if (!state.accounts.get(userId)) throw new SimulatorError(`no account ${userId}`);
  resetAuthorizations(state, userId);
  state.accounts.remove(userId);
}

/** Per-DC addresses, live connections and key counts. */
export function summarizeDcs(
  state: SimState,
  addresses: readonly { id: number; host: string; tcpPort: number; wsPort?: number | undefined }[],
  connections: Record<number, number>,
): DcSummary[] {
  const counts = new Map<number, { perm: number; temp: number; authorized: number }>();
  for (const k of state.keys.list()) {
    let c = counts.get(k.dcId);
    if (!c) counts.set(k.dcId, (c = { perm: 0, temp: 0, authorized: 0 }));
    if (k.kind === 'temp') c.temp++;
    else c.perm++;
    if (k.kind === 'perm' && k.userId !== undefined) c.authorized++;
  }
  return addresses.map((a) => {
    const c = counts.get(a.id) ?? { perm: 0, temp: 0, authorized: 0 };
    return {
      id: a.id,
      host: a.host,
      tcpPort: a.tcpPort,
      wsPort: a.wsPort,
      connections: connections[a.id] ?? 0,
      permKeys: c.perm,
      tempKeys: c.temp,
      authorizedKeys: c.authorized,
    };
  });
}
