/**
 * The TL objects of the key exchange (src/tl/schema/mtproto.tl) and the values both halves share.
 * Aliases keep the step files readable and confine the TL type names to one place.
 */
import type { CryptoProvider, Random } from '../../crypto/index.js';
import type { TlConstructorOf, TlMethodOf } from '../../tl/index.js';

/** req_pq_multi#be7e8ef1 nonce:int128 = ResPQ; */
export type ReqPqMulti = TlMethodOf<'req_pq_multi'>;
/** req_pq#60469778 nonce:int128 = ResPQ; (legacy, the server still answers it) */
export type ReqPq = TlMethodOf<'req_pq'>;
/** resPQ#05162463 nonce:int128 server_nonce:int128 pq:bytes server_public_key_fingerprints:Vector<long> = ResPQ; */
export type ResPq = TlConstructorOf<'resPQ'>;
/** req_DH_params#d712e4be nonce server_nonce p:bytes q:bytes public_key_fingerprint:long encrypted_data:bytes */
export type ReqDhParams = TlMethodOf<'req_DH_params'>;
/** server_DH_params_ok#d0e8075c nonce:int128 server_nonce:int128 encrypted_answer:bytes = Server_DH_Params; */
export type ServerDhParamsOk = TlConstructorOf<'server_DH_params_ok'>;
/** server_DH_inner_data#b5890dba nonce server_nonce g:int dh_prime:bytes g_a:bytes server_time:int */
export type ServerDhInnerData = TlConstructorOf<'server_DH_inner_data'>;
/** client_DH_inner_data#6643b654 nonce:int128 server_nonce:int128 retry_id:long g_b:bytes */
export type ClientDhInnerData = TlConstructorOf<'client_DH_inner_data'>;
/** set_client_DH_params#f5045f1f nonce:int128 server_nonce:int128 encrypted_data:bytes */
export type SetClientDhParams = TlMethodOf<'set_client_DH_params'>;
/** dh_gen_ok / dh_gen_retry / dh_gen_fail (nonce server_nonce new_nonce_hashN:int128) */
export type DhGenAnswer = TlConstructorOf<'dh_gen_ok'> | TlConstructorOf<'dh_gen_retry'> | TlConstructorOf<'dh_gen_fail'>;
/** Every p_q_inner_data variant: plain, _dc, _temp_dc and legacy _temp. */
export type PqInnerData =
  | TlConstructorOf<'p_q_inner_data'>
  | TlConstructorOf<'p_q_inner_data_dc'>
  | TlConstructorOf<'p_q_inner_data_temp_dc'>
  | TlConstructorOf<'p_q_inner_data_temp'>;

/** What a step needs from the world: randomness, the crypto backend and the time. */
export interface HandshakeEnv {
  readonly random: Random;
  readonly crypto: CryptoProvider;
  /** Milliseconds since the Unix epoch (a `Clock`'s `now`). */
  now(): number;
}

/** Which key to make and for which DC. */
export interface ExchangeOptions {
  /** The DC id (1..5 on production). */
  readonly dcId: number;
  /** Make a temporary (PFS) key living `expiresIn` seconds: p_q_inner_data_temp_dc. */
  readonly temp?: { readonly expiresIn: number };
  /** A test DC: the dc field is sent as dcId + 10000. */
  readonly test?: boolean;
  /** A media DC: the dc field is sent negated. */
  readonly media?: boolean;
}

/**
 * The dc field of p_q_inner_data_*: +10000 for test DCs, negative for media (non-CDN) DCs
 * (core.telegram.org/mtproto/auth_key: test media DC 2 -> -10002).
 */
export function encodeDcId(options: Pick<ExchangeOptions, 'dcId' | 'test' | 'media'>): number {
  const id = options.test ? options.dcId + 10000 : options.dcId;
  return options.media ? -id : id;
}

/** A finished key exchange, as either side sees it. */
export interface ExchangedKey {
  /** The 256-byte auth key (left-padded with zeros when the DH result is shorter). */
  readonly authKey: Uint8Array;
  /** substr(SHA1(auth_key), 12, 8), wire order. */
  readonly authKeyId: Uint8Array;
  /** The first server salt, substr(new_nonce, 0, 8) XOR substr(server_nonce, 0, 8), as an int64. */
  readonly serverSalt: bigint;
  /** For a temporary key: Unix seconds (server time) when it expires. */
  readonly expiresAt?: number;
}
