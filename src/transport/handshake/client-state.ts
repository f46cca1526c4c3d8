/**
 * MTProto auth key exchange, client side: the explicit state values the pure steps of
 * client-steps.ts pass along, and what the last step returns.
 */
import type { TmpAesKeyIv } from './handshake-kdf.js';
import type { ExchangeOptions, ExchangedKey, SetClientDhParams } from './handshake-types.js';

/** How many dh_gen_retry answers one exchange accepts before giving up. */
export const MAX_DH_GEN_RETRIES = 5;

/** Waiting for resPQ. */
export interface AwaitingResPq {
  readonly step: 'awaitingResPq';
  readonly options: ExchangeOptions;
  readonly nonce: Uint8Array;
}

/** Waiting for server_DH_params_ok; `newNonce` is secret. */
export interface AwaitingServerDhParams {
  readonly step: 'awaitingServerDhParams';
  readonly options: ExchangeOptions;
  readonly nonce: Uint8Array;
  readonly serverNonce: Uint8Array;
  readonly newNonce: Uint8Array;
}

/** Waiting for dh_gen_*; holds the candidate auth key until the server confirms it. */
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
  /** server_time - local unixtime, seconds (§C.6.6). */
  readonly timeOffset: number;
  readonly authKey: Uint8Array;
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
