// A hostile server for every client check of the key exchange (core.telegram.org/mtproto/security_guidelines, core.telegram.org/mtproto/security_guidelines): each
// forged answer is rejected with a SecurityError naming the check. The honest stages are computed
// once; the steps are pure, so every forgery starts from the same honest state.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  SecurityError,
  TELEGRAM_DH_PRIME,
  bigintToBytes,
  pureCrypto,
} from '../../../src/crypto/index.js';
import { deserializeObject, serializeObject } from '../../../src/tl/index.js';
import {
  MAX_DH_GEN_RETRIES,
  onDhGenAnswer,
  onResPq,
  onServerDhParams,
  openHashedPayload,
  sealHashedPayload,
  startExchange,
  tmpAesKeyIv,
  type AwaitingDhGenAnswer,
  type AwaitingResPq,
  type AwaitingServerDhParams,
  type DhGenAnswer,
  type HandshakeEnv,
  type ResPq,
  type ServerDhInnerData,
  type ServerDhParamsOk,
} from '../../../src/transport/index.js';
import { fixedRandom } from '../../helpers/fixed-random.js';
import { ManualClock } from '../../helpers/manual-clock.js';
import { clientEnv, makeServer, simPublicKey } from './handshake-harness.js';

function expectCheck(fn: () => unknown, check: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(SecurityError);
  expect((thrown as SecurityError).check).toBe(check);
}

const flip = (b: Uint8Array, i = 0): Uint8Array => {
  const c = b.slice();
  c[i]! ^= 1;
  return c;
};

let env: HandshakeEnv;
let s0: AwaitingResPq;
let resPq: ResPq;
let s1: AwaitingServerDhParams;
let dhOk: ServerDhParamsOk;
let honestInner: ServerDhInnerData;
let s2: AwaitingDhGenAnswer;
let honestGen: DhGenAnswer;

beforeAll(() => {
  const clock = new ManualClock();
  env = clientEnv(fixedRandom('hostile-client'), clock);
  const server = makeServer(fixedRandom('hostile-server'), clock);
  const start = startExchange({ dcId: 2 }, env);
  s0 = start.state;
  resPq = server.answerReqPq(start.request);
  const r1 = onResPq(s0, resPq, [simPublicKey], env);
  s1 = r1.state;
  dhOk = server.answerReqDhParams(r1.request);
  const tmp = tmpAesKeyIv(s1.newNonce, s1.serverNonce, pureCrypto);
  honestInner = deserializeObject(openHashedPayload(dhOk.encryptedAnswer, tmp, pureCrypto, { length: 'l', hash: 'h' })) as ServerDhInnerData;
  const r2 = onServerDhParams(s1, dhOk, env);
  s2 = r2.state;
  honestGen = server.answerSetClientDhParams(r2.request).answer;
});

/** server_DH_params_ok whose inner data is the honest one with `changes`, correctly sealed (a MITM that knows new_nonce). */
function forgedInner(changes: Partial<ServerDhInnerData>): ServerDhParamsOk {
  const tmp = tmpAesKeyIv(s1.newNonce, s1.serverNonce, pureCrypto);
  const data = serializeObject({ ...honestInner, ...changes });
  return { ...dhOk, encryptedAnswer: sealHashedPayload(data, tmp, fixedRandom('pad'), pureCrypto) };
}

describe('resPQ', () => {
  it('wrong nonce echo -> handshake.nonce', () => {
    expectCheck(() => onResPq(s0, { ...resPq, nonce: flip(resPq.nonce) }, [simPublicKey], env), 'handshake.nonce');
  });
  it('no fingerprint we hold a key for -> handshake.fingerprint', () => {
    expectCheck(() => onResPq(s0, { ...resPq, serverPublicKeyFingerprints: [1n, -5n] }, [simPublicKey], env), 'handshake.fingerprint');
  });
  it('prime pq (2^61-1) -> handshake.pq.prime', () => {
    expectCheck(() => onResPq(s0, { ...resPq, pq: bigintToBytes((1n << 61n) - 1n) }, [simPublicKey], env), 'handshake.pq.prime');
  });
  it('pq = p*p (p >= q) -> handshake.pq', () => {
    expectCheck(() => onResPq(s0, { ...resPq, pq: bigintToBytes(2147483647n * 2147483647n) }, [simPublicKey], env), 'handshake.pq');
  });
  it('pq with three prime factors -> handshake.pq', () => {
    expectCheck(() => onResPq(s0, { ...resPq, pq: bigintToBytes(101n * 1000003n * 1000033n) }, [simPublicKey], env), 'handshake.pq');
  });
  it('pq longer than 64 bits (unbounded factoring) -> handshake.pq', () => {
    expectCheck(() => onResPq(s0, { ...resPq, pq: new Uint8Array(9).fill(0x33) }, [simPublicKey], env), 'handshake.pq');
  });
});

describe('server_DH_params_ok and server_DH_inner_data', () => {
  it('the honest answer passes (control)', () => {
    expect(() => onServerDhParams(s1, forgedInner({}), env)).not.toThrow();
  });
  it('wrong nonce / server_nonce on the outer answer', () => {
    expectCheck(() => onServerDhParams(s1, { ...dhOk, nonce: flip(dhOk.nonce) }, env), 'handshake.nonce');
    expectCheck(() => onServerDhParams(s1, { ...dhOk, serverNonce: flip(dhOk.serverNonce) }, env), 'handshake.serverNonce');
  });
  it('encrypted_answer length not a multiple of 16 -> handshake.encryptedAnswerLength', () => {
    expectCheck(() => onServerDhParams(s1, { ...dhOk, encryptedAnswer: dhOk.encryptedAnswer.subarray(0, dhOk.encryptedAnswer.length - 4) }, env), 'handshake.encryptedAnswerLength');
    expectCheck(() => onServerDhParams(s1, { ...dhOk, encryptedAnswer: new Uint8Array(0) }, env), 'handshake.encryptedAnswerLength');
  });
  it('tampered ciphertext (SHA1(answer) mismatch) -> handshake.answerHash', () => {
    const e = dhOk.encryptedAnswer;
    expectCheck(() => onServerDhParams(s1, { ...dhOk, encryptedAnswer: flip(e, e.length - 1) }, env), 'handshake.answerHash');
    expectCheck(() => onServerDhParams(s1, { ...dhOk, encryptedAnswer: flip(e, 40) }, env), 'handshake.answerHash');
  });
  it('a validly sealed object of another type -> handshake.answerType', () => {
    const tmp = tmpAesKeyIv(s1.newNonce, s1.serverNonce, pureCrypto);
    const data = serializeObject({ _: 'req_pq_multi', nonce: s1.nonce });
    expectCheck(() => onServerDhParams(s1, { ...dhOk, encryptedAnswer: sealHashedPayload(data, tmp, fixedRandom(), pureCrypto) }, env), 'handshake.answerType');
  });
  it('the legacy server_DH_params_fail -> handshake.answerType', () => {
    const fail = { _: 'server_DH_params_fail', nonce: s1.nonce, serverNonce: s1.serverNonce, newNonceHash: new Uint8Array(16) } as const;
    expectCheck(() => onServerDhParams(s1, fail as unknown as ServerDhParamsOk, env), 'handshake.answerType');
  });
  it('wrong nonce / server_nonce inside server_DH_inner_data', () => {
    expectCheck(() => onServerDhParams(s1, forgedInner({ nonce: flip(honestInner.nonce) }), env), 'handshake.nonce');
    expectCheck(() => onServerDhParams(s1, forgedInner({ serverNonce: flip(honestInner.serverNonce) }), env), 'handshake.serverNonce');
  });
  it('dh_prime not 2048 bits -> dh.prime.size; not a safe prime -> dh.prime.safe', () => {
    // g = 4 has no residue condition (crypto checks g's residue before the size), so only the size can reject these.
    expectCheck(() => onServerDhParams(s1, forgedInner({ g: 4, dhPrime: bigintToBytes(TELEGRAM_DH_PRIME >> 8n) }), env), 'dh.prime.size');
    expectCheck(() => onServerDhParams(s1, forgedInner({ g: 4, dhPrime: new Uint8Array(257).fill(0x7f) }), env), 'dh.prime.size');
    // p - 2 has the right size but is not a safe prime.
    expectCheck(() => onServerDhParams(s1, forgedInner({ g: 4, dhPrime: bigintToBytes(TELEGRAM_DH_PRIME - 2n) }), env), 'dh.prime.safe');
  });
  it('g outside 2..7 -> dh.g.range; g failing its residue condition -> dh.g.residue', () => {
    for (const g of [0, 1, 8, -3]) expectCheck(() => onServerDhParams(s1, forgedInner({ g }), env), 'dh.g.range');
    const p = TELEGRAM_DH_PRIME;
    const bad = [p % 8n !== 7n && 2, ![1n, 4n].includes(p % 5n) && 5, ![19n, 23n].includes(p % 24n) && 6].filter((g): g is number => g !== false);
    expect(bad.length).toBeGreaterThan(0);
    for (const g of bad) expectCheck(() => onServerDhParams(s1, forgedInner({ g }), env), 'dh.g.residue');
  });
  it('g_a out of range (1, p-1, small, near p, too long) -> dh.gA.range', () => {
    const p = TELEGRAM_DH_PRIME;
    for (const gA of [1n, 0n, p - 1n, p, 1n << 1983n, p - (1n << 1983n)]) {
      expectCheck(() => onServerDhParams(s1, forgedInner({ gA: bigintToBytes(gA) }), env), 'dh.gA.range');
    }
    expectCheck(() => onServerDhParams(s1, forgedInner({ gA: new Uint8Array(257).fill(1) }), env), 'dh.gA.range');
  });
});

describe('dh_gen_ok / dh_gen_retry / dh_gen_fail', () => {
  it('the honest dh_gen_ok passes (control)', () => {
    expect('done' in onDhGenAnswer(s2, honestGen, env)).toBe(true);
  });
  it('wrong nonce / server_nonce', () => {
    expectCheck(() => onDhGenAnswer(s2, { ...honestGen, nonce: flip(honestGen.nonce) }, env), 'handshake.nonce');
    expectCheck(() => onDhGenAnswer(s2, { ...honestGen, serverNonce: flip(honestGen.serverNonce) }, env), 'handshake.serverNonce');
  });
  it('bad new_nonce_hash1 -> handshake.newNonceHash', () => {
    const ok = honestGen;
    if (ok._ !== 'dh_gen_ok') throw new Error('expected dh_gen_ok');
    expectCheck(() => onDhGenAnswer(s2, { ...ok, newNonceHash1: flip(ok.newNonceHash1, 15) }, env), 'handshake.newNonceHash');
  });
  it('an ok turned into a retry (hash1 presented as hash2) -> handshake.newNonceHash', () => {
    if (honestGen._ !== 'dh_gen_ok') throw new Error('expected dh_gen_ok');
    const retry = { _: 'dh_gen_retry', nonce: honestGen.nonce, serverNonce: honestGen.serverNonce, newNonceHash2: honestGen.newNonceHash1 } as const;
    expectCheck(() => onDhGenAnswer(s2, retry, env), 'handshake.newNonceHash');
  });
  it('an ok turned into a fail (hash1 presented as hash3) -> handshake.newNonceHash', () => {
    if (honestGen._ !== 'dh_gen_ok') throw new Error('expected dh_gen_ok');
    const fail = { _: 'dh_gen_fail', nonce: honestGen.nonce, serverNonce: honestGen.serverNonce, newNonceHash3: honestGen.newNonceHash1 } as const;
    expectCheck(() => onDhGenAnswer(s2, fail, env), 'handshake.newNonceHash');
  });
  it('an answer of another type -> handshake.answerType', () => {
    expectCheck(() => onDhGenAnswer(s2, { ...dhOk } as unknown as DhGenAnswer, env), 'handshake.answerType');
  });
});

describe('genuine dh_gen_fail and endless retries', () => {
  it('a genuine dh_gen_fail is an outcome (restart), not an exception', async () => {
    const { runExchange } = await import('./handshake-harness.js');
    const server = makeServer(fixedRandom('fail-srv'), new ManualClock(), { admitKey: () => 'fail' });
    expect(() => runExchange(server, { dcId: 2 }, clientEnv(fixedRandom('fail-cli')))).toThrow('dh_gen_fail');
  });
  it(`more than ${MAX_DH_GEN_RETRIES} genuine retries -> handshake.retryLimit`, async () => {
    const { runExchange } = await import('./handshake-harness.js');
    const server = makeServer(fixedRandom('retry-srv'), new ManualClock(), { admitKey: () => 'retry' });
    expectCheck(() => runExchange(server, { dcId: 2 }, clientEnv(fixedRandom('retry-cli'))), 'handshake.retryLimit');
  });
});
