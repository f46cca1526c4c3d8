/**
 * Per-DC auth keys (docs/ARCHITECTURE.md "The simulator", core.telegram.org/api/pfs): permanent keys carry the login; temporary keys expire
 * and, once bound, act for their permanent key. Key ids are TL `long`s kept as unsigned 64-bit.
 */

/** What initConnection told us about the client (core.telegram.org/api/invoking). */
export interface ClientInfo {
  apiId: number;
  deviceModel: string;
  systemVersion: string;
  appVersion: string;
  systemLangCode: string;
  langCode: string;
}

/** One auth key the handshake created on a DC. */
export interface AuthKeyRecord {
  id: bigint;
  dcId: number;
  key: Uint8Array;
  kind: 'perm' | 'temp';
  createdAt: number;
  /** Temp keys only: absolute ms after which the key is gone (-404). */
  expiresAt?: number | undefined;
  /** Temp key -> the permanent key it is bound to. */
  boundPermId?: bigint | undefined;
  /** Temp key unbound by a newer bind: the permanent key it used to act for (dropTempAuthKeys removes it). */
  formerPermId?: bigint | undefined;
  /** Permanent key -> its current temp key (at most one, core.telegram.org/api/pfs). */
  boundTempId?: bigint | undefined;
  /** Permanent keys: the logged-in user. */
  userId?: bigint | undefined;
  authorizedAt?: number | undefined;
  /** Code (or QR/passkey) accepted, 2FA outstanding: this user may finish with checkPassword. */
  passwordPendingUserId?: bigint | undefined;
  /** Layer and client info from invokeWithLayer/initConnection, on the key the request came on. */
  layer?: number | undefined;
  client?: ClientInfo | undefined;
}

/** TL longs may arrive signed; the store compares them as unsigned 64-bit. */
export const u64 = (id: bigint): bigint => BigInt.asUintN(64, id);

/** All auth keys of the cluster (ids are random 64-bit, so one map serves every DC). */
export class KeyStore {
  private readonly keys = new Map<bigint, AuthKeyRecord>();
  /**
   * Ids of the permanent keys each user was logged in on: `ofUser` (every sendCode and sign-in asks)
   * reads it instead of walking every key of the cluster, which made a login O(keys) and 10,000
   * logins quadratic. A superset: logout may clear `userId` directly, so `ofUser` re-checks each one.
   */
  private readonly byUser = new Map<bigint, Set<bigint>>();

  constructor(private readonly now: () => number) {}

  add(record: AuthKeyRecord): AuthKeyRecord {
    record.id = u64(record.id);
    this.keys.set(record.id, record);
    if (record.userId !== undefined) this.logIn(record, record.userId);
    return record;
  }

  /** Logs the permanent key `record` in as `userId`. */
  logIn(record: AuthKeyRecord, userId: bigint): void {
    record.userId = userId;
    let ids = this.byUser.get(userId);
    if (!ids) this.byUser.set(userId, (ids = new Set()));
    ids.add(record.id);
  }

  /** A live key; an expired temp key is forgotten (and its binding undone) on first sight. */
  get(id: bigint): AuthKeyRecord | undefined {
    const key = this.keys.get(u64(id));
    if (key?.expiresAt !== undefined && key.expiresAt <= this.now()) {
      this.remove(key.id);
      return undefined;
    }
    return key;
  }

  /** The key whose login applies: the bound permanent key for a temp key, else the key itself. */
  effective(id: bigint): AuthKeyRecord | undefined {
    const key = this.get(id);
    if (key?.kind === 'temp' && key.boundPermId !== undefined) return this.get(key.boundPermId);
    return key;
  }

  remove(id: bigint): void {
    const key = this.keys.get(u64(id));
    if (!key) return;
    this.keys.delete(key.id);
    if (key.boundPermId !== undefined) {
      const perm = this.keys.get(key.boundPermId);
      if (perm?.boundTempId === key.id) perm.boundTempId = undefined;
    }
    if (key.boundTempId !== undefined) this.remove(key.boundTempId);
  }

  /** Temp keys bound to `permId` (normally one). */
  tempsOf(permId: bigint): AuthKeyRecord[] {
    return this.list().filter((k) => k.kind === 'temp' && k.boundPermId === u64(permId));
  }

  /** Permanent keys logged in as `userId`. */
  ofUser(userId: bigint): AuthKeyRecord[] {
    const ids = this.byUser.get(userId);
    if (!ids) return [];
    const keys: AuthKeyRecord[] = [];
    for (const id of ids) {
      const key = this.get(id);
      // Logged out, reset or removed since it was logged in: drop the stale id.
      if (key?.kind === 'perm' && key.userId === userId) keys.push(key);
      else ids.delete(id);
    }
    if (ids.size === 0) this.byUser.delete(userId);
    return keys;
  }

  list(dcId?: number): AuthKeyRecord[] {
    const now = this.now();
    return [...this.keys.values()].filter(
      (k) => (dcId === undefined || k.dcId === dcId) && (k.expiresAt === undefined || k.expiresAt > now),
    );
  }

  get size(): number {
    return this.keys.size;
  }
}
