/** MTProto auth key exchange, server side: the configuration of a HandshakeServer and the key it yields. */
import type { CryptoProvider, Random, RsaPrivateKey } from '../../crypto/index.js';

/** Configuration of a {@link HandshakeServer}. */
export interface HandshakeServerOptions {
  /** This DC's id (the dc field must be ±dcId, +10000 on a test server). */
  readonly dcId: number;
  /** A test DC: expects dc fields of dcId + 10000. */
  readonly test?: boolean;
  /** The RSA keys whose fingerprints resPQ offers. */
  readonly keys: readonly RsaPrivateKey[];
  readonly random: Random;
  readonly crypto: CryptoProvider;
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Defaults to the well-known 2048-bit prime with g = 3 (docs/ARCHITECTURE.md "The simulator"). */
  readonly dhPrime?: bigint;
  readonly g?: number;
  /**
   * The secret a and g_a = g^a mod dhPrime for one exchange, each pair used once (a server may make
   * them ahead of time, off the request path). Without it, or when it returns undefined, they are
   * drawn and computed during req_DH_params.
   */
  nextDhPair?(): { readonly secret: bigint; readonly power: bigint } | undefined;
  /** Cap on exchanges in progress (default 4096) and their idle lifetime in ms (default 10 min). */
  readonly maxPending?: number;
  readonly pendingTtlMs?: number;
  /**
   * Decides the fate of a computed key: 'retry' when its id collides with a stored key (core.telegram.org/mtproto/auth_key),
   * 'fail' when it cannot be stored. Default 'ok'.
   */
  admitKey?(candidate: { authKeyId: Uint8Array; temp: boolean }): 'ok' | 'retry' | 'fail';
}

/** A key the server has just agreed on. */
export interface ServerExchangedKey {
  readonly authKey: Uint8Array;
  readonly authKeyId: Uint8Array;
  readonly serverSalt: bigint;
  readonly dcId: number;
  /** Set for a temporary key: Unix seconds of expiry (now + expires_in). */
  readonly temp?: { readonly expiresAt: number };
}
