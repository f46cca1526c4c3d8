/**
 * What the control API lists: live MTProto sessions per DC and auth keys. Key material never
 * appears here; only ids, kinds, bindings, the login and what the client declared.
 */
import type { ClientInfo } from '../state/auth-keys.js';
import type { SimState } from '../state/sim-state.js';
import type { DcServer } from './dc-server.js';

/** One server session (an MTProto session_id on an auth key). */
export interface SessionInfo {
  dcId: number;
  authKeyId: bigint;
  sessionId: bigint;
  /** A connection currently carries the session (else its messages wait for the next one). */
  connected: boolean;
  layer?: number | undefined;
  /** The logged-in user of the key (through the bound permanent key for a temp key). */
  userId?: bigint | undefined;
}

/** One auth key. */
export interface KeyInfo {
  id: bigint;
  dcId: number;
  kind: 'perm' | 'temp';
  createdAt: number;
  expiresAt?: number | undefined;
  boundPermId?: bigint | undefined;
  boundTempId?: bigint | undefined;
  userId?: bigint | undefined;
  layer?: number | undefined;
  client?: ClientInfo | undefined;
}

export function listSessions(state: SimState, dcs: readonly DcServer[]): SessionInfo[] {
  const out: SessionInfo[] = [];
  for (const dc of dcs) {
    for (const ks of dc.sessions.keys.values()) {
      const key = state.keys.get(ks.authKeyId);
      if (!key) continue;
      const userId = state.keys.effective(key.id)?.userId;
      for (const s of ks.sessions.values()) {
        out.push({
          dcId: dc.dcId,
          authKeyId: key.id,
          sessionId: s.id,
          connected: s.writer !== undefined,
          layer: ks.layer,
          userId,
        });
      }
    }
  }
  return out;
}

export function listKeys(state: SimState, dcId?: number): KeyInfo[] {
  return state.keys.list(dcId).map((k) => ({
    id: k.id,
    dcId: k.dcId,
    kind: k.kind,
    createdAt: k.createdAt,
    expiresAt: k.expiresAt,
    boundPermId: k.boundPermId,
    boundTempId: k.boundTempId,
    userId: k.userId,
    layer: k.layer,
    client: k.client,
  }));
}
