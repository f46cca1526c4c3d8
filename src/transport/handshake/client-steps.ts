/**
 * MTProto auth key exchange, client side (core.telegram.org/mtproto/auth_key), as pure step functions over an
 * explicit state value. A machine sends each `request`, feeds the matching answer to the next step,
 * and restarts from `startExchange` on any thrown error or on `{ fail }`.
 *
 *   startExchange -> req_pq_multi
 *   onResPq -> req_DH_params
 *   onServerDhParams -> set_client_DH_params
 *   onDhGenAnswer -> done | retry (another set_client_DH_params) | fail
 */
import {
  SecurityError,
  bigintToBytes,
  bytesToBigint,
  checkDhPublicValue,
  equalBytes,
  rsaPadEncrypt,
  startModPow,
  TELEGRAM_DH_PRIME,
  zeroize,
  type RsaPublicKey,
} from '../../crypto/index.js';
import { serializeObject } from '../../tl/index.js';
import { checkNonces, checkResPq, decryptServerDhInner } from './client-checks.js';
import { sealHashedPayload } from './hashed-payload.js';
import {
  AUTH_KEY_LENGTH,
  authKeyHashes,
  initialServerSalt,
  newNonceHash,
  readInt64Le,
  tmpAesKeyIv,
} from './handshake-kdf.js';
import {
  MAX_DH_GEN_RETRIES,
  type AwaitingDhGenAnswer,
  type AwaitingResPq,
  type AwaitingServerDhParams,
  type ClientExchangeState,
  type DhGenOutcome,
  type EarlyDhSecret,
} from './client-state.js';
import {
  encodeDcId,
  type DhGenAnswer,
  type ExchangeOptions,
  type HandshakeEnv,
  type ReqDhParams,
  type ReqPqMulti,
  type ResPq,
  type ServerDhParamsOk,
  type SetClientDhParams,
} from './handshake-types.js';

/**
 * Starts an exchange: `req_pq_multi#be7e8ef1 nonce:int128 = ResPQ;` with a fresh random nonce.
 * The DH exponent b is drawn now too, and g^b started for the well-known prime and g = 3, so it
 * is computed over two round trips (req_pq_multi, req_DH_params) rather than waited for.
 */
export function startExchange(
  options: ExchangeOptions,
  env: Pick<HandshakeEnv, 'random' | 'crypto'>,
): { state: AwaitingResPq; request: ReqPqMulti } {
  const nonce = env.random.bytes(16);
  const bBytes = env.random.bytes(256);
  const early: EarlyDhSecret = { bBytes, gB: startModPow(env.crypto, EARLY_G, dhExponent(bBytes, TELEGRAM_DH_PRIME), TELEGRAM_DH_PRIME) };
  return { state: { step: 'awaitingResPq', options, nonce, early }, request: { _: 'req_pq_multi', nonce } };
}

/**
 * Checks resPQ and builds `req_DH_params`, whose encrypted_data is RSA_PAD(p_q_inner_data_dc) or,
 * for a temporary key, RSA_PAD(p_q_inner_data_temp_dc ... expires_in:int) (core.telegram.org/mtproto/auth_key, core.telegram.org/mtproto/auth_key).
 */
export function onResPq(
  state: AwaitingResPq,
  resPq: ResPq,
  keys: readonly RsaPublicKey[],
  env: HandshakeEnv,
): { state: AwaitingServerDhParams; request: ReqDhParams } {
  const { early } = state;
  const checked = checkResPq(resPq, state.nonce, keys);
  const newNonce = env.random.bytes(32);
  const request = buildReqDhParams(state.options, resPq, checked, newNonce, env);
  return {
    state: { step: 'awaitingServerDhParams', options: state.options, nonce: state.nonce, serverNonce: resPq.serverNonce, newNonce, early },
    request,
  };
}

/**
 * Drops the powers an exchange has started (the early g^b, or the candidate key g_a^b) when it
 * is abandoned: a worker that has not begun one skips it, so a timed-out or failed exchange does
 * not keep a worker busy for nothing.
 */
export function abandonExchange(state: ClientExchangeState | undefined): void {
  if (state === undefined) return;
  if (state.step === 'awaitingDhGenAnswer') state.authKey.cancel();
  else state.early.gB.cancel();
}

/** The g Telegram's servers send with the well-known prime (core.telegram.org/mtproto/security_guidelines); g^b is started for it. */
const EARLY_G = 3n;

/**
 * dh_prime is a checked prime and g, g_a are below it, so exponents work mod p-1 (Fermat) and
 * b mod (p-1) gives the very same g_b and key. A 2048-bit b is >= p about a fifth of the time,
 * and such an exponent costs a native modpow almost twice (it must be split below the modulus).
 */
function dhExponent(bBytes: Uint8Array, p: bigint): bigint {
  return bytesToBigint(bBytes) % (p - 1n);
}

/** `req_DH_params#d712e4be nonce server_nonce p:bytes q:bytes public_key_fingerprint:long encrypted_data:bytes` */
export function buildReqDhParams(
  options: ExchangeOptions,
  resPq: ResPq,
  checked: { key: RsaPublicKey; fingerprint: bigint; p: Uint8Array; q: Uint8Array },
  newNonce: Uint8Array,
  env: HandshakeEnv,
): ReqDhParams {
  const common = {
    pq: resPq.pq,
    p: checked.p,
    q: checked.q,
    nonce: resPq.nonce,
    serverNonce: resPq.serverNonce,
    newNonce,
    dc: encodeDcId(options),
  };
  const inner = options.temp
    ? ({ _: 'p_q_inner_data_temp_dc', ...common, expiresIn: options.temp.expiresIn } as const)
    : ({ _: 'p_q_inner_data_dc', ...common } as const);
  const encryptedData = rsaPadEncrypt(serializeObject(inner), checked.key, env.random, env.crypto);
  return {
    _: 'req_DH_params',
    nonce: resPq.nonce,
    serverNonce: resPq.serverNonce,
    p: checked.p,
    q: checked.q,
    publicKeyFingerprint: checked.fingerprint,
    encryptedData,
  };
}

/** Checks server_DH_params_ok (see {@link decryptServerDhInner}) and answers with set_client_DH_params. */
export function onServerDhParams(
  state: AwaitingServerDhParams,
  answer: ServerDhParamsOk,
  env: HandshakeEnv,
): { state: AwaitingDhGenAnswer; request: SetClientDhParams } {
  if (answer._ !== 'server_DH_params_ok') {
    throw new SecurityError('handshake.answerType', `expected server_DH_params_ok, got ${(answer as { _: string })._}`);
  }
  const tmp = tmpAesKeyIv(state.newNonce, state.serverNonce, env.crypto);
  const { inner, dhPrime, g, gA } = decryptServerDhInner(answer, state, tmp, env.crypto);
  const timeOffset = inner.serverTime - Math.floor(env.now() / 1000);
  const { early, ...rest } = state;
  return buildSetClientDhParams({ ...rest, step: 'awaitingDhGenAnswer', tmp, dhPrime, g, gA, timeOffset, retries: 0 }, 0n, env, early);
}

/**
 * `client_DH_inner_data#6643b654 nonce server_nonce retry_id:long g_b:bytes`, sealed into
 * `set_client_DH_params#f5045f1f nonce server_nonce encrypted_data:bytes` (core.telegram.org/mtproto/auth_key). Takes b from
 * `early` (first attempt) or draws a fresh 2048-bit one (a retry, or g_b outside the safe range),
 * and starts the candidate auth key g_a^b mod p, which is first needed for the server's answer.
 */
export function buildSetClientDhParams(
  state: Omit<AwaitingDhGenAnswer, 'authKey'>,
  retryId: bigint,
  env: HandshakeEnv,
  early?: EarlyDhSecret,
): { state: AwaitingDhGenAnswer; request: SetClientDhParams } {
  const { crypto, random } = env;
  const p = state.dhPrime;
  const g = BigInt(state.g);
  let bBytes: Uint8Array;
  let b: bigint;
  let gB: bigint;
  const earlyFits = early !== undefined && g === EARLY_G && p === TELEGRAM_DH_PRIME;
  if (early && !earlyFits) early.gB.cancel();
  do {
    if (early) {
      ({ bBytes } = early);
      b = dhExponent(bBytes, p);
      gB = earlyFits ? early.gB.result() : crypto.modPow(g, b, p);
      early = undefined;
    } else {
      bBytes = random.bytes(256);
      b = dhExponent(bBytes, p);
      gB = crypto.modPow(g, b, p);
    }
    zeroize(bBytes);
  } while (!inSafeRange(gB, p));
  const authKey = startModPow(crypto, state.gA, b, p);
  const inner = {
    _: 'client_DH_inner_data',
    nonce: state.nonce,
    serverNonce: state.serverNonce,
    retryId,
    gB: bigintToBytes(gB),
  } as const;
  const encryptedData = sealHashedPayload(serializeObject(inner), state.tmp, random, crypto);
  return {
    state: { ...state, step: 'awaitingDhGenAnswer', authKey },
    request: { _: 'set_client_DH_params', nonce: state.nonce, serverNonce: state.serverNonce, encryptedData },
  };
}

/**
 * Checks `dh_gen_ok#3bcbf734 | dh_gen_retry#46dc1fb9 | dh_gen_fail#a69dae02 nonce server_nonce
 * new_nonce_hashN:int128` (core.telegram.org/mtproto/auth_key): both nonces and the hash matching the answer's kind
 * ('handshake.newNonceHash'; it stops a forger from turning an ok into a retry). On ok, derives
 * auth_key_id and the first server salt; on retry, re-sends with retry_id = auth_key_aux_hash.
 */
export function onDhGenAnswer(state: AwaitingDhGenAnswer, answer: DhGenAnswer, env: HandshakeEnv): DhGenOutcome {
  checkNonces(answer, state);
  const authKey = bigintToBytes(state.authKey.result(), AUTH_KEY_LENGTH);
  const { authKeyId, auxHash } = authKeyHashes(authKey, env.crypto);
  const [n, got] =
    answer._ === 'dh_gen_ok'
      ? ([1, answer.newNonceHash1] as const)
      : answer._ === 'dh_gen_retry'
        ? ([2, answer.newNonceHash2] as const)
        : answer._ === 'dh_gen_fail'
          ? ([3, answer.newNonceHash3] as const)
          : unexpectedAnswer(answer);
  if (!equalBytes(got, newNonceHash(state.newNonce, n, auxHash, env.crypto))) {
    throw new SecurityError('handshake.newNonceHash', `new_nonce_hash${n} does not match`);
  }
  if (n === 3) return { fail: { reason: 'dh_gen_fail' } };
  if (n === 2) {
    if (state.retries >= MAX_DH_GEN_RETRIES) throw new SecurityError('handshake.retryLimit', 'too many dh_gen_retry answers');
    const next = buildSetClientDhParams({ ...state, retries: state.retries + 1 }, readInt64Le(auxHash), env);
    return { retry: next };
  }
  const { options, timeOffset } = state;
  const expiresAt = options.temp
    ? Math.floor(env.now() / 1000) + timeOffset + options.temp.expiresIn
    : undefined;
  return {
    done: {
      authKey,
      authKeyId,
      serverSalt: initialServerSalt(state.newNonce, state.serverNonce),
      dcId: options.dcId,
      timeOffset,
      ...(expiresAt === undefined ? {} : { expiresAt }),
    },
  };
}

/** Our own g_b must pass the same range check we demand of the server's g_a (core.telegram.org/mtproto/security_guidelines). */
function inSafeRange(v: bigint, p: bigint): boolean {
  try {
    checkDhPublicValue(v, p, 'dh.gB');
    return true;
  } catch {
    return false;
  }
}

function unexpectedAnswer(answer: { _: string }): never {
  throw new SecurityError('handshake.answerType', `expected dh_gen_*, got ${answer._}`);
}
