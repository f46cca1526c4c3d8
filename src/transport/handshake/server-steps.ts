/**
 * MTProto auth key exchange, server side (core.telegram.org/mtproto/auth_key), mirroring client-steps.ts:
 *   answerReqPq -> resPQ, answerReqDhParams -> server_DH_params_ok,
 *   answerSetClientDhParams -> dh_gen_ok | dh_gen_retry | dh_gen_fail (+ the new key on ok).
 * Every malformed or inconsistent request throws `TransportError(-404)` (the real server's answer,
 * after which the client restarts); a dc field for another DC or environment throws -444.
 */
import {
  TELEGRAM_DH_PRIME,
  bigintToBytes,
  bytesToBigint,
  checkDhPublicValue,
  equalBytes,
  rsaPadDecrypt,
  type RsaPrivateKey,
} from '../../crypto/index.js';
import { TlReader, deserializeObject, serializeObject } from '../../tl/index.js';
import { TransportError } from '../errors.js';
import { openHashedPayload, sealHashedPayload } from './hashed-payload.js';
import { AUTH_KEY_LENGTH, authKeyHashes, initialServerSalt, newNonceHash, readInt64Le, tmpAesKeyIv } from './handshake-kdf.js';
import type { DhGenAnswer, PqInnerData, ReqDhParams, ReqPq, ReqPqMulti, ResPq, ServerDhParamsOk, SetClientDhParams } from './handshake-types.js';
import type { HandshakeServerOptions, ServerExchangedKey } from './server-options.js';
import { makePqChallenge } from './server-pq.js';
import { PendingExchanges, type PendingExchange } from './server-state.js';

const notFound = (why: string, cause?: unknown): TransportError =>
  new TransportError(-404, `handshake rejected: ${why}`, cause === undefined ? undefined : { cause });

/** The server half of the key exchange; one instance serves every connection of a DC. */
export class HandshakeServer {
  private readonly pending: PendingExchanges;
  private readonly dhPrime: bigint;
  private readonly dhPrimeBytes: Uint8Array;
  private readonly g: number;

  constructor(private readonly options: HandshakeServerOptions) {
    this.pending = new PendingExchanges(
      { maxPending: options.maxPending ?? 4096, ttlMs: options.pendingTtlMs ?? 600_000 },
      () => options.now(),
    );
    this.dhPrime = options.dhPrime ?? TELEGRAM_DH_PRIME;
    this.dhPrimeBytes = bigintToBytes(this.dhPrime, 256);
    this.g = options.g ?? 3;
  }

  /** Exchanges currently held (for metrics and the bound test). */
  get pendingCount(): number {
    return this.pending.size;
  }

  /**
   * `req_pq_multi#be7e8ef1 nonce:int128 = ResPQ;` (and legacy `req_pq#60469778`) ->
   * `resPQ nonce server_nonce pq:bytes server_public_key_fingerprints:Vector<long>`.
   * A re-sent request with the same nonce gets the same answer.
   */
  answerReqPq(request: ReqPqMulti | ReqPq): ResPq {
    if (request.nonce.length !== 16) throw notFound('nonce is not 16 bytes');
    const existing = this.pending.get(request.nonce);
    if (existing && !existing.dh) {
      this.pending.touch(existing);
      return existing.resPq;
    }
    const { random } = this.options;
    const { pq, p, q } = makePqChallenge(random);
    const serverNonce = random.bytes(16);
    const resPq: ResPq = {
      _: 'resPQ',
      nonce: request.nonce,
      serverNonce,
      pq,
      serverPublicKeyFingerprints: this.options.keys.map((k) => k.fingerprint),
    };
    this.pending.put({ nonce: request.nonce, serverNonce, p, q, resPq, touchedAt: 0 });
    return resPq;
  }

  /**
   * `req_DH_params nonce server_nonce p q public_key_fingerprint encrypted_data` -> `server_DH_params_ok`
   * carrying `server_DH_inner_data nonce server_nonce g dh_prime g_a server_time` sealed with the tmp key.
   */
  answerReqDhParams(request: ReqDhParams): ServerDhParamsOk {
    const ex = this.find(request);
    if (ex.dh) {
      // core.telegram.org/mtproto/auth_key: an identical re-send gets the identical answer; anything else is a protocol error.
      if (equalBytes(ex.dh.request, request.encryptedData)) return ex.dh.answer;
      throw notFound('req_DH_params repeated with different data');
    }
    if (bytesToBigint(request.p) !== ex.p || bytesToBigint(request.q) !== ex.q) throw notFound('wrong p or q');
    const key = this.options.keys.find(
      (k) => BigInt.asUintN(64, k.fingerprint) === BigInt.asUintN(64, request.publicKeyFingerprint),
    );
    if (!key) throw notFound('unknown public key fingerprint');
    const inner = this.decryptPqInner(request.encryptedData, key);
    this.checkPqInner(inner, ex);

    const { random, crypto, now } = this.options;
    const tmp = tmpAesKeyIv(inner.newNonce, ex.serverNonce, crypto);
    let a: bigint;
    let gA: bigint;
    do {
      const ready = this.options.nextDhPair?.();
      if (ready) {
        a = ready.secret;
        gA = ready.power;
        continue;
      }
      a = bytesToBigint(random.bytes(256));
      // For the well-known (prime) modulus the exponent works mod p-1 (Fermat): the same g_a and
      // key, without the ~1.8x cost of a native modpow whose exponent (a fifth of the time) is >= p.
      if (this.dhPrime === TELEGRAM_DH_PRIME) a %= this.dhPrime - 1n;
      gA = crypto.modPow(BigInt(this.g), a, this.dhPrime);
    } while (!inRange(gA, this.dhPrime));
    const answerData = serializeObject({
      _: 'server_DH_inner_data',
      nonce: ex.nonce,
      serverNonce: ex.serverNonce,
      g: this.g,
      dhPrime: this.dhPrimeBytes,
      gA: bigintToBytes(gA),
      serverTime: Math.floor(now() / 1000),
    });
    const answer: ServerDhParamsOk = {
      _: 'server_DH_params_ok',
      nonce: ex.nonce,
      serverNonce: ex.serverNonce,
      encryptedAnswer: sealHashedPayload(answerData, tmp, random, crypto),
    };
    ex.dh = {
      newNonce: inner.newNonce,
      tmp,
      a,
      dc: 'dc' in inner ? inner.dc : undefined,
      expiresIn: 'expiresIn' in inner ? inner.expiresIn : undefined,
      request: request.encryptedData,
      answer,
      retryId: 0n,
    };
    this.pending.touch(ex);
    return answer;
  }

  /**
   * `set_client_DH_params nonce server_nonce encrypted_data` carrying
   * `client_DH_inner_data nonce server_nonce retry_id:long g_b:bytes` -> `dh_gen_ok | dh_gen_retry | dh_gen_fail`.
   * `key` is set only with dh_gen_ok; the caller stores it.
   */
  answerSetClientDhParams(request: SetClientDhParams): { answer: DhGenAnswer; key?: ServerExchangedKey } {
    const ex = this.find(request);
    const dh = ex.dh;
    if (!dh) throw notFound('set_client_DH_params before req_DH_params');
    const { crypto, now } = this.options;
    let inner;
    try {
      const data = openHashedPayload(request.encryptedData, dh.tmp, crypto, { length: 'length', hash: 'hash' });
      inner = deserializeObject(data);
    } catch (cause) {
      throw notFound('client_DH_inner_data does not decrypt', cause);
    }
    if (inner._ !== 'client_DH_inner_data') throw notFound(`expected client_DH_inner_data, got ${inner._}`);
    if (!equalBytes(inner.nonce, ex.nonce) || !equalBytes(inner.serverNonce, ex.serverNonce)) throw notFound('nonce mismatch');
    if (BigInt.asIntN(64, inner.retryId) !== dh.retryId) throw notFound('unexpected retry_id');
    try {
      checkDhPublicValue(inner.gB, this.dhPrime, 'dh.gB');
    } catch (cause) {
      this.pending.delete(ex.nonce);
      throw notFound('g_b out of range', cause);
    }
    const authKey = bigintToBytes(crypto.modPow(bytesToBigint(inner.gB), dh.a, this.dhPrime), AUTH_KEY_LENGTH);
    const { authKeyId, auxHash } = authKeyHashes(authKey, crypto);
    const temp = dh.expiresIn !== undefined;
    const verdict = this.options.admitKey?.({ authKeyId, temp }) ?? 'ok';
    const base = { nonce: ex.nonce, serverNonce: ex.serverNonce };
    if (verdict === 'retry') {
      dh.retryId = readInt64Le(auxHash);
      this.pending.touch(ex);
      return { answer: { _: 'dh_gen_retry', ...base, newNonceHash2: newNonceHash(dh.newNonce, 2, auxHash, crypto) } };
    }
    this.pending.delete(ex.nonce);
    if (verdict === 'fail') {
      return { answer: { _: 'dh_gen_fail', ...base, newNonceHash3: newNonceHash(dh.newNonce, 3, auxHash, crypto) } };
    }
    const key: ServerExchangedKey = {
      authKey,
      authKeyId,
      serverSalt: initialServerSalt(dh.newNonce, ex.serverNonce),
      dcId: this.options.dcId,
      ...(dh.expiresIn === undefined ? {} : { temp: { expiresAt: Math.floor(now() / 1000) + dh.expiresIn } }),
    };
    return { answer: { _: 'dh_gen_ok', ...base, newNonceHash1: newNonceHash(dh.newNonce, 1, auxHash, crypto) }, key };
  }

  private find(request: { nonce: Uint8Array; serverNonce: Uint8Array }): PendingExchange {
    const ex = this.pending.get(request.nonce);
    if (!ex) throw notFound('no exchange with this nonce (unknown or expired)');
    if (!equalBytes(ex.serverNonce, request.serverNonce)) throw notFound('server_nonce mismatch');
    return ex;
  }

  /** RSA_PAD decryption, then the p_q_inner_data at the start of data_with_padding (the rest is padding). */
  private decryptPqInner(encryptedData: Uint8Array, key: RsaPrivateKey): PqInnerData {
    let value;
    try {
      const dataWithPadding = rsaPadDecrypt(encryptedData, key, this.options.crypto);
      value = new TlReader(dataWithPadding).object();
    } catch (cause) {
      throw notFound('encrypted_data does not decrypt to a TL object', cause);
    }
    switch (value._) {
      case 'p_q_inner_data':
      case 'p_q_inner_data_dc':
      case 'p_q_inner_data_temp':
      case 'p_q_inner_data_temp_dc':
        return value;
      default:
        throw notFound(`expected p_q_inner_data, got ${value._}`);
    }
  }

  /** p_q_inner_data must repeat the resPQ values; its dc must name this DC in this environment (-444 otherwise). */
  private checkPqInner(inner: PqInnerData, ex: PendingExchange): void {
    if (!equalBytes(inner.nonce, ex.nonce) || !equalBytes(inner.serverNonce, ex.serverNonce)) throw notFound('nonce mismatch');
    if (!equalBytes(inner.pq, ex.resPq.pq) || bytesToBigint(inner.p) !== ex.p || bytesToBigint(inner.q) !== ex.q) {
      throw notFound('pq, p or q differ from resPQ');
    }
    if (inner.newNonce.length !== 32) throw notFound('new_nonce is not 32 bytes');
    if ('expiresIn' in inner && !(inner.expiresIn > 0)) throw notFound('expires_in is not positive');
    if ('dc' in inner) {
      const want = this.options.test ? this.options.dcId + 10000 : this.options.dcId;
      if (Math.abs(inner.dc) !== want) throw new TransportError(-444, `dc ${inner.dc} is not this DC (${want})`);
    }
  }
}

/** The server holds its own g_a to the same range it demands of g_b (core.telegram.org/mtproto/security_guidelines). */
function inRange(v: bigint, p: bigint): boolean {
  try {
    checkDhPublicValue(v, p, 'dh.gA');
    return true;
  } catch {
    return false;
  }
}
