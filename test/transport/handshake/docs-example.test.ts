// Reproduces the deterministic parts of the docs "Auth key generation example" byte for byte
// (vectors in docs-auth-key-example.json; source cited there): a replaying Random feeds the client
// the page's nonce, new_nonce, padding and b, and §5.3's RSA_PAD temp_key.
import { describe, expect, it } from 'vitest';
import {
  TELEGRAM_PRODUCTION_RSA_PUBLIC_KEY_PEM,
  bigintToBytes,
  bytesToHex,
  hexToBytes,
  parseRsaPublicKey,
  pureCrypto,
} from '../../../src/crypto/index.js';
import { deserializeObject, serializeObject } from '../../../src/tl/index.js';
import {
  initialServerSalt,
  newNonceHash,
  onDhGenAnswer,
  onResPq,
  onServerDhParams,
  readInt64Le,
  sealHashedPayload,
  startExchange,
  tmpAesKeyIv,
  unwrapPlainMessage,
  wrapPlainMessage,
  type ResPq,
} from '../../../src/transport/index.js';
import { ManualClock } from '../../helpers/manual-clock.js';
import v from './docs-auth-key-example.json' with { type: 'json' };
import { simPublicKey } from './handshake-harness.js';
import { replayRandom } from './replay-random.js';

const h = hexToBytes;
const productionKey = parseRsaPublicKey(TELEGRAM_PRODUCTION_RSA_PUBLIC_KEY_PEM);
const resPq: ResPq = {
  _: 'resPQ',
  nonce: h(v.nonce),
  serverNonce: h(v.serverNonce),
  pq: h(v.pq),
  serverPublicKeyFingerprints: v.fingerprintsWire.map((f) => readInt64Le(h(f))),
};

describe('docs auth key example (core.telegram.org/mtproto/samples-auth_key)', () => {
  const clock = new ManualClock(v.serverTime * 1000);
  const env = (random: ReturnType<typeof replayRandom>) => ({ random, crypto: pureCrypto, now: () => clock.now() });

  it('req_pq_multi: the unencrypted message of the page', () => {
    const { request } = startExchange({ dcId: 2 }, env(replayRandom(v.nonce, v.b)));
    const message = wrapPlainMessage(BigInt(v.reqPqMsgId), serializeObject(request));
    expect(bytesToHex(message)).toBe(v.reqPqMultiMessage);
    expect(bytesToHex(unwrapPlainMessage(message).body)).toBe(v.reqPqMultiMessage.slice(40));
  });

  it('walks every client step and reproduces each deterministic value', () => {
    // b is drawn with the nonce, so g^b is computed while req_pq_multi and req_DH_params are in flight.
    const r0 = replayRandom(v.nonce, v.b);
    const s0 = startExchange({ dcId: 2 }, env(r0));
    expect(r0.remaining).toBe(0);
    // The production key is the third fingerprint offered; the simulator key is also held but not offered.
    const r1 = replayRandom(v.newNonce, v.randomPaddingBytes, v.rsaPadTempKey);
    const s1 = onResPq(s0.state, resPq, [simPublicKey, productionKey], env(r1));
    expect(r1.remaining).toBe(0);
    expect(bytesToHex(s1.request.p)).toBe(v.p);
    expect(bytesToHex(s1.request.q)).toBe(v.q);
    expect(BigInt.asUintN(64, s1.request.publicKeyFingerprint)).toBe(0xd09d1d85de64fd85n);
    // RSA_PAD(p_q_inner_data_dc) with the page's padding and §5.3's temp_key (§5.3 "same inputs with the production key").
    expect(bytesToHex(s1.request.encryptedData)).toBe(v.reqDhEncryptedDataProductionKey);

    const tmp = tmpAesKeyIv(s1.state.newNonce, s1.state.serverNonce, pureCrypto);
    expect(bytesToHex(tmp.key)).toBe(v.tmpAesKey);
    expect(bytesToHex(tmp.iv)).toBe(v.tmpAesIv);

    const r2 = replayRandom(v.clientPadding);
    const answer = { _: 'server_DH_params_ok', nonce: h(v.nonce), serverNonce: h(v.serverNonce), encryptedAnswer: h(v.encryptedAnswer) } as const;
    const s2 = onServerDhParams(s1.state, answer, env(r2));
    expect(r2.remaining).toBe(0);
    expect(s2.state.timeOffset).toBe(0);
    expect(bytesToHex(bigintToBytes(s2.state.authKey.result(), 256))).toBe(v.authKey);
    expect(bytesToHex(s2.request.encryptedData)).toBe(v.setClientDhEncryptedData);

    const done = onDhGenAnswer(
      s2.state,
      { _: 'dh_gen_ok', nonce: h(v.nonce), serverNonce: h(v.serverNonce), newNonceHash1: h(v.newNonceHash1) },
      env(replayRandom()),
    );
    if (!('done' in done)) throw new Error('expected done');
    expect(bytesToHex(done.done.authKey)).toBe(v.authKey);
    expect(bytesToHex(done.done.authKeyId)).toBe(v.authKeyIdWire);
    expect(done.done.serverSalt).toBe(BigInt(v.serverSalt));
  });

  it('the server-side envelope: SHA1(answer) + answer + padding, sealed, is the page encrypted_answer', () => {
    const inner = deserializeObject(h(v.serverDhInnerData));
    expect(bytesToHex(serializeObject(inner))).toBe(v.serverDhInnerData);
    expect(bytesToHex(pureCrypto.sha1(h(v.serverDhInnerData)))).toBe(v.answerHash);
    const tmp = tmpAesKeyIv(h(v.newNonce), h(v.serverNonce), pureCrypto);
    const sealed = sealHashedPayload(h(v.serverDhInnerData), tmp, replayRandom(v.answerPadding), pureCrypto);
    expect(bytesToHex(sealed)).toBe(v.encryptedAnswer);
  });

  it('new_nonce_hash1/2/3 and the salt from the page values', () => {
    const aux = h(v.authKeyAuxHash);
    expect(bytesToHex(newNonceHash(h(v.newNonce), 1, aux, pureCrypto))).toBe(v.newNonceHash1);
    expect(bytesToHex(newNonceHash(h(v.newNonce), 2, aux, pureCrypto))).toBe(v.newNonceHash2);
    expect(bytesToHex(newNonceHash(h(v.newNonce), 3, aux, pureCrypto))).toBe(v.newNonceHash3);
    expect(initialServerSalt(h(v.newNonce), h(v.serverNonce))).toBe(readInt64Le(h(v.serverSaltWire)));
  });
});
