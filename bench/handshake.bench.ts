/**
 * Handshake benchmark (issue 4): the client's compute for one whole auth key exchange (resPQ ->
 * req_DH_params -> set_client_DH_params -> dh_gen_ok: pq factoring, RSA_PAD, 2 x 2048-bit modpow, IGE,
 * SHA) on each backend, as a ratio to the same math composed directly from node:crypto calls.
 * The server answers are recorded once and replayed; a seeded Random makes every run draw the same
 * nonces, so the recorded answers stay valid and both sides check new_nonce_hash1.
 */
import { constants, createCipheriv, createDecipheriv, createHash, createPublicKey, publicEncrypt } from 'node:crypto';
import { nodeCrypto } from '../src/adapters/crypto/index.js';
import {
  bigintToBytes,
  bytesToBigint,
  concatBytes,
  equalBytes,
  factorizePq,
  pureCrypto,
  TELEGRAM_DH_PRIME,
  xorBytes,
  type CryptoProvider,
  type Random,
} from '../src/crypto/index.js';
import { serializeObject } from '../src/tl/index.js';
import {
  HandshakeServer,
  onDhGenAnswer,
  onResPq,
  onServerDhParams,
  startExchange,
  type DhGenAnswer,
  type HandshakeEnv,
  type ResPq,
  type ServerDhParamsOk,
} from '../src/transport/index.js';
import { fixedRandom } from '../test/helpers/fixed-random.js';
import { simPrivateKey, simPublicKey } from '../test/transport/handshake/handshake-harness.js';
import type { BenchHarness, BenchRow } from './harness.js';

const SEED = 'bench-handshake';
const NOW = Date.UTC(2026, 0, 1);

interface Transcript {
  resPq: ResPq;
  dhOk: ServerDhParamsOk;
  gen: DhGenAnswer;
}

function record(): Transcript {
  const env: HandshakeEnv = { random: fixedRandom(SEED), crypto: nodeCrypto, now: () => NOW };
  const server = new HandshakeServer({ dcId: 2, keys: [simPrivateKey], random: fixedRandom('srv'), crypto: nodeCrypto, now: () => NOW });
  const s0 = startExchange({ dcId: 2 }, env);
  const resPq = server.answerReqPq(s0.request);
  const s1 = onResPq(s0.state, resPq, [simPublicKey], env);
  const dhOk = server.answerReqDhParams(s1.request);
  const s2 = onServerDhParams(s1.state, dhOk, env);
  return { resPq, dhOk, gen: server.answerSetClientDhParams(s2.request).answer };
}

function clientSteps(t: Transcript, crypto: CryptoProvider): Uint8Array {
  const env: HandshakeEnv = { random: fixedRandom(SEED), crypto, now: () => NOW };
  const s0 = startExchange({ dcId: 2 }, env);
  const s1 = onResPq(s0.state, t.resPq, [simPublicKey], env);
  const s2 = onServerDhParams(s1.state, t.dhOk, env);
  const out = onDhGenAnswer(s2.state, t.gen, env);
  if (!('done' in out)) throw new RangeError('bench: exchange did not finish');
  return out.done.authKey;
}

// ---- the same client math composed directly from node:crypto (the baseline) ----
const sha1 = (...p: Uint8Array[]) => new Uint8Array(createHash('sha1').update(concatBytes(...p)).digest());
const sha256 = (...p: Uint8Array[]) => new Uint8Array(createHash('sha256').update(concatBytes(...p)).digest());
function ige(data: Uint8Array, key: Uint8Array, iv: Uint8Array, encrypt: boolean): Uint8Array {
  const ecb = encrypt ? createCipheriv('aes-256-ecb', key, null) : createDecipheriv('aes-256-ecb', key, null);
  ecb.setAutoPadding(false);
  const out = new Uint8Array(data.length);
  let prevX = iv.subarray(encrypt ? 0 : 16, encrypt ? 16 : 32);
  let prevY = iv.subarray(encrypt ? 16 : 0, encrypt ? 32 : 16);
  for (let i = 0; i < data.length; i += 16) {
    const x = data.subarray(i, i + 16);
    const y = xorBytes(new Uint8Array(ecb.update(xorBytes(x, prevX))), prevY);
    out.set(y, i);
    prevX = y;
    prevY = x;
  }
  return out;
}
const b64url = (n: bigint) => Buffer.from(bigintToBytes(n)).toString('base64url');
function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  const key = createPublicKey({ key: { kty: 'RSA', n: b64url(m), e: b64url(exp) }, format: 'jwk' });
  const len = bigintToBytes(m).length;
  return bytesToBigint(publicEncrypt({ key, padding: constants.RSA_NO_PADDING }, bigintToBytes(base % m, len)));
}
function tlBytes(b: Uint8Array): Uint8Array {
  const head = b.length < 254 ? Uint8Array.of(b.length) : Uint8Array.of(254, b.length & 255, (b.length >> 8) & 255, b.length >> 16);
  return concatBytes(head, b, new Uint8Array((4 - ((head.length + b.length) % 4)) % 4));
}

function nativeComposition(t: Transcript, random: Random): Uint8Array {
  const nonce = random.bytes(16);
  const b = bytesToBigint(random.bytes(256)); // drawn with the nonce, as startExchange does
  const pq = bytesToBigint(t.resPq.pq);
  const [p, q] = factorizePq(pq);
  const newNonce = random.bytes(32);
  const inner = serializeObject({ _: 'p_q_inner_data_dc', pq: t.resPq.pq, p: bigintToBytes(p), q: bigintToBytes(q), nonce, serverNonce: t.resPq.serverNonce, newNonce, dc: 2 });
  const padded = concatBytes(inner, random.bytes(192 - inner.length));
  const reversed = padded.slice().reverse();
  for (;;) {
    const tempKey = random.bytes(32);
    const aes = ige(concatBytes(reversed, sha256(tempKey, padded)), tempKey, new Uint8Array(32), true);
    const m = bytesToBigint(concatBytes(xorBytes(tempKey, sha256(aes)), aes));
    if (m >= simPublicKey.n) continue;
    modPow(m, simPublicKey.e, simPublicKey.n);
    break;
  }
  const sn = t.resPq.serverNonce;
  const tmpKey = concatBytes(sha1(newNonce, sn), sha1(sn, newNonce).subarray(0, 12));
  const tmpIv = concatBytes(sha1(sn, newNonce).subarray(12, 20), sha1(newNonce, newNonce), newNonce.subarray(0, 4));
  const plain = ige(t.dhOk.encryptedAnswer, tmpKey, tmpIv, false);
  // server_DH_inner_data: ctor 4, nonces 32, g 4, dh_prime bytes(256) 260, g_a bytes.
  const gAOffset = 20 + 40 + 260;
  const gALen = plain[gAOffset + 1]! | (plain[gAOffset + 2]! << 8);
  const answer = plain.subarray(20, gAOffset + 4 + gALen + 4);
  if (!equalBytes(sha1(answer), plain.subarray(0, 20))) throw new RangeError('baseline: answer hash');
  const gA = bytesToBigint(plain.subarray(gAOffset + 4, gAOffset + 4 + gALen));
  const P = TELEGRAM_DH_PRIME;
  const gB = modPow(3n, b, P);
  const authKey = bigintToBytes(modPow(gA, b, P), 256);
  const data = concatBytes(Uint8Array.of(0x54, 0xb6, 0x43, 0x66), nonce, sn, new Uint8Array(8), tlBytes(bigintToBytes(gB)));
  const pad = (16 - ((20 + data.length) % 16)) % 16;
  ige(concatBytes(sha1(data), data, random.bytes(pad)), tmpKey, tmpIv, true);
  const h = sha1(authKey);
  const hash1 = sha1(newNonce, Uint8Array.of(1), h.subarray(0, 8)).subarray(4, 20);
  if (t.gen._ !== 'dh_gen_ok' || !equalBytes(hash1, t.gen.newNonceHash1)) throw new RangeError('baseline: new_nonce_hash1');
  return authKey;
}

export default async function run(h: BenchHarness): Promise<BenchRow[]> {
  const t = record();
  const expected = clientSteps(t, nodeCrypto);
  if (!equalBytes(nativeComposition(t, fixedRandom(SEED)), expected)) throw new RangeError('baseline computes another key');
  const base = { name: 'handshake.client.native-composition', ...(await h.measure('native', () => nativeComposition(t, fixedRandom(SEED)), { iterations: 20 })) };
  const rows: BenchRow[] = [h.row(base.name, base)];
  for (const c of [pureCrypto, nodeCrypto]) {
    const m = await h.measure(c.name, () => clientSteps(t, c), { iterations: c === pureCrypto ? 5 : 20, warmup: 1 });
    rows.push(h.row(`handshake.client.${c.name}`, m, base));
  }
  return rows;
}
