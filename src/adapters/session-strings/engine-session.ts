/**
 * The engine's session (src/machines/session/session.ts) to and from the portable shape every
 * session-string format is written from: the home DC's auth key, its address, the user.
 */
import { TgauthError } from '../../crypto/index.js';
import { resolveDcs, type DcSelection, type SessionData } from '../../machines/index.js';
import type { PortableSession } from './portable-session.js';

/** A session that cannot become a portable one (it holds no key for its home DC). */
export class SessionExportError extends TgauthError {}

/** The engine's session -> the portable shape (home DC key, address, user). */
export function portableOf(data: SessionData, dcs: DcSelection, apiId?: number): PortableSession {
  const key = data.authKeys?.[data.homeDcId];
  if (!key) throw new SessionExportError(`the session has no auth key for its home DC ${data.homeDcId}`);
  const address = resolveDcs(dcs).addresses.find((a) => a.dcId === data.homeDcId && !a.media);
  return {
    dcId: data.homeDcId,
    authKey: key.key,
    ...(address ? { host: address.host, port: address.port } : {}),
    ...(data.user ? { userId: BigInt(data.user.id), isBot: data.user.bot } : {}),
    ...(dcs === 'test' ? { testMode: true } : {}),
    ...(apiId !== undefined ? { apiId } : {}),
  };
}

/** The portable shape -> the engine's session (salt 0: the server sends the right one on first use). */
export function sessionOf(s: PortableSession): SessionData {
  return {
    homeDcId: s.dcId,
    ...(s.userId !== undefined
      ? { user: { id: s.userId.toString(), premium: false, bot: s.isBot ?? false } }
      : {}),
    futureAuthTokens: [],
    authKeys: { [s.dcId]: { key: s.authKey, serverSalt: 0n } },
  };
}
