/**
 * MTProto auth key exchange, client side: the checks of core.telegram.org/mtproto/security_guidelines (1–5, 7) on each server
 * answer. Every failure throws `SecurityError` naming the check; the caller must drop the
 * connection and start the exchange again (core.telegram.org/mtproto/security_guidelines).
 */
import {
  SecurityError,
  bigintToBytes,
  bytesToBigint,
  checkDhPrime,
  checkDhPublicValue,
  equalBytes,
  factorizePq,
  isProbablePrime,
  type CryptoProvider,
  type RsaPublicKey,
} from '../../crypto/index.js';
import { deserializeObject } from '../../tl/index.js';
import { openHashedPayload } from './hashed-payload.js';
import type { TmpAesKeyIv } from './handshake-kdf.js';
import type { ResPq, ServerDhInnerData, ServerDhParamsOk } from './handshake-types.js';

/** Checks that a server echo equals what this run sent or received ('handshake.nonce' / 'handshake.serverNonce'). */
export function checkNonces(
  got: { nonce: Uint8Array; serverNonce: Uint8Array },
  want: { nonce: Uint8Array; serverNonce?: Uint8Array },
): void {
  if (!equalBytes(got.nonce, want.nonce)) throw new SecurityError('handshake.nonce', 'nonce echo does not match');
  if (want.serverNonce && !equalBytes(got.serverNonce, want.serverNonce)) {
    throw new SecurityError('handshake.serverNonce', 'server_nonce echo does not match');
  }
}

/** The result of checking resPQ: the key to encrypt with and the factors of pq. */
export interface CheckedResPq {
  readonly key: RsaPublicKey;
  /** The fingerprint exactly as the server listed it (for req_DH_params). */
  readonly fingerprint: bigint;
  readonly p: Uint8Array;
  readonly q: Uint8Array;
}

/**
 * Checks `resPQ#05162463 nonce:int128 server_nonce:int128 pq:bytes server_public_key_fingerprints:Vector<long>`:
 * the nonce echo, a fingerprint we hold a key for (first match in the server's order), and pq = p·q with
 * primes 1 < p < q (core.telegram.org/mtproto/auth_key, core.telegram.org/mtproto/auth_key, core.telegram.org/mtproto/security_guidelines). pq is capped at 64 bits so a hostile server cannot make us factor forever.
 */
export function checkResPq(resPq: ResPq, nonce: Uint8Array, keys: readonly RsaPublicKey[]): CheckedResPq {
  checkNonces(resPq, { nonce });
  if (resPq.serverNonce.length !== 16) throw new SecurityError('handshake.serverNonce', 'server_nonce is not 16 bytes');
  let key: RsaPublicKey | undefined;
  let fingerprint = 0n;
  for (const fp of resPq.serverPublicKeyFingerprints) {
    key = keys.find((k) => BigInt.asUintN(64, k.fingerprint) === BigInt.asUintN(64, fp));
    if (key) {
      fingerprint = fp;
      break;
    }
  }
  if (!key) throw new SecurityError('handshake.fingerprint', 'server offers no RSA key we trust');
  const [p, q] = factorPq(resPq.pq);
  return { key, fingerprint, p: bigintToBytes(p), q: bigintToBytes(q) };
}

function factorPq(pqBytes: Uint8Array): [bigint, bigint] {
  const pq = bytesToBigint(pqBytes);
  if (pqBytes.length === 0 || pqBytes.length > 8 || pq < 6n) {
    throw new SecurityError('handshake.pq', 'pq is not a 64-bit composite');
  }
  let factors: [bigint, bigint];
  try {
    factors = factorizePq(pq);
  } catch (cause) {
    // crypto names a prime pq itself ('handshake.pq.prime'); anything else is just "not p·q".
    if (cause instanceof SecurityError) throw cause;
    throw new SecurityError('handshake.pq', 'pq could not be factorized', { cause });
  }
  const [p, q] = factors;
  if (p <= 1n || p >= q || p * q !== pq || !isProbablePrime(p) || !isProbablePrime(q)) {
    throw new SecurityError('handshake.pq', 'pq is not a product of two distinct primes p < q');
  }
  return [p, q];
}

/** The checked content of server_DH_inner_data. */
export interface CheckedServerDhInner {
  readonly inner: ServerDhInnerData;
  readonly dhPrime: bigint;
  readonly g: number;
  readonly gA: bigint;
}

/**
 * Decrypts `server_DH_params_ok#d0e8075c nonce server_nonce encrypted_answer:bytes` and checks
 * `server_DH_inner_data#b5890dba nonce server_nonce g:int dh_prime:bytes g_a:bytes server_time:int`:
 * length % 16 ('handshake.encryptedAnswerLength'), SHA1(answer) prefix ('handshake.answerHash'),
 * the object type ('handshake.answerType'), both nonces, dh_prime ('dh.prime.size', 'dh.prime.safe'),
 * g ('dh.g.range', 'dh.g.residue') and g_a ('dh.gA.range'); the dh.* checks are crypto's.
 */
export function decryptServerDhInner(
  answer: ServerDhParamsOk,
  want: { nonce: Uint8Array; serverNonce: Uint8Array },
  tmp: TmpAesKeyIv,
  crypto: CryptoProvider,
): CheckedServerDhInner {
  checkNonces(answer, want);
  const data = openHashedPayload(answer.encryptedAnswer, tmp, crypto, {
    length: 'handshake.encryptedAnswerLength',
    hash: 'handshake.answerHash',
  });
  let inner;
  try {
    inner = deserializeObject(data);
  } catch (cause) {
    throw new SecurityError('handshake.answerType', 'encrypted answer is not a TL object', { cause });
  }
  if (inner._ !== 'server_DH_inner_data') {
    throw new SecurityError('handshake.answerType', `encrypted answer is ${inner._}, not server_DH_inner_data`);
  }
  checkNonces(inner, want);
  // A leading zero byte is legal in the encoding, so the size check is on the value (inside checkDhPrime).
  const dhPrime = bytesToBigint(inner.dhPrime);
  checkDhPrime(dhPrime, inner.g, crypto);
  checkDhPublicValue(inner.gA, dhPrime, 'dh.gA');
  const gA = bytesToBigint(inner.gA);
  return { inner, dhPrime, g: inner.g, gA };
}
