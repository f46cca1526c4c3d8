/** The key machine's input, context, events and dependencies (dc-key/machine.ts sequences them). */
import type { RsaPublicKey } from '../../crypto/index.js';
import type { ClientExchangeState, DcAuthKey, HandshakeEnv } from '../../transport/index.js';
import type { PendingTempKey, PlainLinkDeps, PlainLinkEvent } from './actors.js';
import type { Sealed } from '../core/index.js';

/** What the key machine is told about the DC (no key material: XState persists inputs). */
export interface DcKeyInput {
  dcId: number;
  test?: boolean;
  media?: boolean;
  /** Hex auth_key_id of a stored key the connection starts with, if any. */
  storedKeyId?: string;
  /** PFS: lifetime of each temp key in seconds; absent = traffic on the permanent key. */
  pfs?: { expiresIn: number };
}

export interface DcKeyContext {
  dcId: number;
  test: boolean;
  media: boolean;
  /** Hex auth_key_id of the current key (public: it heads every encrypted message). */
  authKeyId?: string | undefined;
  exchange?: Sealed<ClientExchangeState> | undefined;
  /** Completed exchanges and connection losses, for the inspector and metrics. */
  exchanges: number;
  reconnects: number;
  /** Why the last exchange failed (message only; never key material). */
  lastFailure?: string | undefined;
  /** PFS lifetime of temp keys (seconds), if on. */
  pfsExpiresIn?: number | undefined;
  /** A temp key made by the handshake, waiting for its bind. */
  pendingTemp?: Sealed<PendingTempKey> | undefined;
  /** Hex id and expiry (unix seconds) of the bound temp key traffic runs on. */
  tempKeyId?: string | undefined;
  tempExpiresAt?: number | undefined;
  /** Successful binds, completed rotations, and permanent keys the server had forgotten. */
  binds: number;
  rotations: number;
  permKeyLost: number;
}

/** Facts from the DC connection. */
export type TransportFact =
  | { type: 'transport.handshaking' }
  | { type: 'transport.ready' }
  | { type: 'transport.reconnecting' }
  | { type: 'transport.closed' };

/** Internal outcomes of a step. */
export type StepOutcome =
  | {
      type: 'exchange.done';
      key: Sealed<DcAuthKey>;
      authKeyId: string;
      expiresAt?: number | undefined;
      timeOffset: number;
    }
  | { type: 'exchange.failed'; error: unknown };

/** From the transport: renew the temp key now (its expiry is near). */
export type RotateCommand = { type: 'tempKey.rotate' };

export type DcKeyEvent = TransportFact | PlainLinkEvent | StepOutcome | RotateCommand;

/** Emitted: a new key to persist and hand to the connection; a failed exchange; a dropped key. */
export type DcKeyEmitted =
  | { type: 'key.created'; dcId: number; key: Sealed<DcAuthKey> }
  | { type: 'key.failed'; dcId: number; error: unknown }
  | { type: 'key.dropped'; dcId: number }
  | { type: 'tempKey.bound'; dcId: number; key: Sealed<DcAuthKey>; authKeyId: string; expiresAt: number };

/** What the machine needs from the world. */
export interface DcKeyDeps extends PlainLinkDeps {
  /** PFS: the stored permanent key the bind encrypts its inner message with. */
  permKey?(): DcAuthKey | undefined;
  env: HandshakeEnv;
  /** The RSA public keys the server may present (resPQ fingerprints). */
  rsaKeys: readonly RsaPublicKey[];
}
