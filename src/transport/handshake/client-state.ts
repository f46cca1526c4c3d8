/**
 * MTProto auth key exchange, client side: the explicit state values the pure steps of
 * client-steps.ts pass along, and what the last step returns.
 */
import type { PendingPow } from '../../crypto/index.js';
import type { TmpAesKeyIv } from './handshake-kdf.js';
import type { ExchangeOptions, ExchangedKey, SetClientDhParams } from './handshake-types.js';

/** How many dh_gen_retry answers one exchange accepts before giving up. */
export const MAX_DH_GEN_RETRIES = 5;

/** Waiting for resPQ. */
export interface AwaitingResPq {
  readonly step: 'awaitingResPq';
  readonly options: ExchangeOptions;
  readonly nonce: Uint8Array;
  readonly early: EarlyDhSecret;
}

/**
 * The client's DH exponent, drawn before the server's answer, with g^b already started for the
 * well-known prime and g = 3 (what Telegram sends); used only if the answer has exactly those.
 */
export interface EarlyDhSecret {
  /** 256 random bytes; b is them mod (dh_prime - 1). Secret; zeroed once used. */
  readonly bBytes: Uint8Array;
  readonly gB: PendingPow;
}

/** Waiting for server_DH_params_ok; `newNonce` and `early` are secret. */
export interface AwaitingServerDhParams {
  readonly step: 'awaitingServerDhParams';
  readonly options: ExchangeOptions;
  readonly nonce: Uint8Array;
  readonly serverNonce: Uint8Array;
  readonly newNonce: Uint8Array;
  readonly early: EarlyDhSecret;
}

/** Waiting for dh_gen_*; holds the candidate auth key (g_a^b, started) until the server confirms it. */
export interface AwaitingDhGenAnswer {
  readonly step: 'awaitingDhGenAnswer';
  readonly options: ExchangeOptions;
  readonly nonce: Uint8Array;
  readonly serverNonce: Uint8Array;
  readonly newNonce: Uint8Array;
  readonly tmp: TmpAesKeyIv;
  readonly dhPrime: bigint;
  readonly g: number;
  readonly gA: bigint;
  /** server_time - local unixtime, seconds (core.telegram.org/mtproto/auth_key, server_DH_inner_data.server_time). */
  readonly timeOffset: number;
  /** g_a^b mod p: the auth key once padded to 256 bytes. Secret. */
  readonly authKey: PendingPow;
  readonly retries: number;
}

/** Any client exchange state. */
export type ClientExchangeState = AwaitingResPq | AwaitingServerDhParams | AwaitingDhGenAnswer;

/** The client's result: the key, plus the clock correction to use for msg_ids. */
export interface ClientExchangedKey extends ExchangedKey {
  readonly dcId: number;
  readonly timeOffset: number;
}

/** Outcome of {@link onDhGenAnswer}. */
export type DhGenOutcome =
  | { readonly done: ClientExchangedKey }
  | { readonly retry: { readonly state: AwaitingDhGenAnswer; readonly request: SetClientDhParams } }
  | { readonly fail: { readonly reason: 'dh_gen_fail' } };
