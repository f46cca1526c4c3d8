// The server half against a misbehaving client (core.telegram.org/mtproto/auth_key): every inconsistent request is
// rejected with transport error -404 (or -444 for another DC), state stays bounded, re-sends are idempotent.
import { beforeAll, describe, expect, it } from 'vitest';
import { TELEGRAM_DH_PRIME, bigintToBytes, pureCrypto } from '../../../src/crypto/index.js';
import { serializeObject } from '../../../src/tl/index.js';
import {
  HandshakeServer,
  onResPq,
  onServerDhParams,
  sealHashedPayload,
  startExchange,
  TransportError,
  unwrapPlainMessage,
  wrapPlainMessage,
  type AwaitingDhGenAnswer,
  type HandshakeEnv,
  type ReqDhParams,
  type SetClientDhParams,
} from '../../../src/transport/index.js';
import { fixedRandom } from '../../helpers/fixed-random.js';
import { ManualClock } from '../../helpers/manual-clock.js';
import { clientEnv, makeServer, simPublicKey } from './handshake-harness.js';

function expectCode(fn: () => unknown, code: number): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(TransportError);
  expect((thrown as TransportError).code).toBe(code);
}
const flip = (b: Uint8Array, i = 0): Uint8Array => {
  const c = b.slice();
  c[i]! ^= 1;
  return c;
};

describe('server half rejects a bad req_DH_params with -404', () => {
  let server: HandshakeServer;
  let req: ReqDhParams;
  beforeAll(() => {
    const clock = new ManualClock();
    const env = clientEnv(fixedRandom('srv-test-client'), clock);
    server = makeServer(fixedRandom('srv-test'), clock);
    const s0 = startExchange({ dcId: 2 }, env);
    req = onResPq(s0.state, server.answerReqPq(s0.request), [simPublicKey], env).request;
  });
  it('unknown nonce, wrong server_nonce', () => {
    expectCode(() => server.answerReqDhParams({ ...req, nonce: flip(req.nonce) }), -404);
    expectCode(() => server.answerReqDhParams({ ...req, serverNonce: flip(req.serverNonce) }), -404);
  });
  it('wrong p or q, unknown fingerprint, tampered RSA_PAD data', () => {
    expectCode(() => server.answerReqDhParams({ ...req, p: req.q, q: req.p }), -404);
    expectCode(() => server.answerReqDhParams({ ...req, publicKeyFingerprint: req.publicKeyFingerprint ^ 1n }), -404);
    expectCode(() => server.answerReqDhParams({ ...req, encryptedData: flip(req.encryptedData, 200) }), -404);
    expectCode(() => server.answerReqDhParams({ ...req, encryptedData: req.encryptedData.subarray(1) }), -404);
  });
  it('answers an identical re-send identically, and a different one with -404', () => {
    const a = server.answerReqDhParams(req);
    expect(server.answerReqDhParams(req)).toBe(a);
    expectCode(() => server.answerReqDhParams({ ...req, encryptedData: flip(req.encryptedData, 5) }), -404);
  });
});

describe('server half rejects a bad set_client_DH_params', () => {
  let env: HandshakeEnv;
  let server: HandshakeServer;
  let state: AwaitingDhGenAnswer;
  let req: SetClientDhParams;
  const fresh = (seed: string) => {
    const clock = new ManualClock();
    env = clientEnv(fixedRandom(`${seed}-c`), clock);
    server = makeServer(fixedRandom(seed), clock);
    const s0 = startExchange({ dcId: 2 }, env);
    const s1 = onResPq(s0.state, server.answerReqPq(s0.request), [simPublicKey], env);
    const s2 = onServerDhParams(s1.state, server.answerReqDhParams(s1.request), env);
    state = s2.state;
    req = s2.request;
  };
  /** A client_DH_inner_data the client did not compute honestly, sealed with the right tmp key. */
  const forged = (changes: { retryId?: bigint; gB?: Uint8Array }): SetClientDhParams => {
    const inner = serializeObject({
      _: 'client_DH_inner_data',
      nonce: state.nonce,
      serverNonce: state.serverNonce,
      retryId: changes.retryId ?? 0n,
      gB: changes.gB ?? bigintToBytes(pureCrypto.modPow(3n, 12345n << 1990n, TELEGRAM_DH_PRIME)),
    });
    return { ...req, encryptedData: sealHashedPayload(inner, state.tmp, fixedRandom(), pureCrypto) };
  };
  beforeAll(() => fresh('set-1'));

  it('tampered ciphertext, bad length, unknown nonce', () => {
    expectCode(() => server.answerSetClientDhParams({ ...req, encryptedData: flip(req.encryptedData, 30) }), -404);
    expectCode(() => server.answerSetClientDhParams({ ...req, encryptedData: req.encryptedData.subarray(4) }), -404);
    expectCode(() => server.answerSetClientDhParams({ ...req, nonce: flip(req.nonce) }), -404);
  });
  it('unexpected retry_id on a first attempt', () => {
    expectCode(() => server.answerSetClientDhParams(forged({ retryId: 7n })), -404);
  });
  it('g_b out of range (and the exchange is dropped)', () => {
    expectCode(() => server.answerSetClientDhParams(forged({ gB: Uint8Array.of(2) })), -404);
    expectCode(() => server.answerSetClientDhParams(req), -404);
  });
  it('set_client_DH_params before req_DH_params', () => {
    const clock = new ManualClock();
    const s = makeServer(fixedRandom('early'), clock);
    const s0 = startExchange({ dcId: 2 }, clientEnv(fixedRandom('early-c'), clock));
    const res = s.answerReqPq(s0.request);
    expectCode(() => s.answerSetClientDhParams({ _: 'set_client_DH_params', nonce: res.nonce, serverNonce: res.serverNonce, encryptedData: new Uint8Array(16) }), -404);
  });
});

describe('server state', () => {
  it('answers a re-sent req_pq_multi with the same resPQ', () => {
    const server = makeServer(fixedRandom('resend'));
    const req = { _: 'req_pq_multi', nonce: new Uint8Array(16).fill(7) } as const;
    expect(server.answerReqPq(req)).toBe(server.answerReqPq(req));
  });
  it('is bounded: the least recently active exchange is evicted at the cap, idle ones expire', () => {
    const clock = new ManualClock();
    const server = makeServer(fixedRandom('cap'), clock, { maxPending: 3, pendingTtlMs: 60_000 });
    const random = fixedRandom('cap-nonces');
    for (let i = 0; i < 10; i++) server.answerReqPq({ _: 'req_pq_multi', nonce: random.bytes(16) });
    expect(server.pendingCount).toBe(3);
    clock.advance(60_001);
    server.answerReqPq({ _: 'req_pq_multi', nonce: random.bytes(16) });
    expect(server.pendingCount).toBe(1);
  });
  it('accepts the legacy p_q_inner_data variants and temp keys get expires_at', async () => {
    const { rsaPadEncrypt } = await import('../../../src/crypto/index.js');
    const clock = new ManualClock();
    const server = makeServer(fixedRandom('legacy'), clock);
    const random = fixedRandom('legacy-c');
    for (const variant of ['p_q_inner_data', 'p_q_inner_data_temp', 'p_q_inner_data_dc', 'p_q_inner_data_temp_dc'] as const) {
      const env = clientEnv(random, clock);
      const s0 = startExchange({ dcId: 2 }, env);
      const s1 = onResPq(s0.state, server.answerReqPq(s0.request), [simPublicKey], env);
      const base = { pq: server.answerReqPq(s0.request).pq, p: s1.request.p, q: s1.request.q, nonce: s1.state.nonce, serverNonce: s1.state.serverNonce, newNonce: s1.state.newNonce };
      const inner = { _: variant, ...base, ...(variant.includes('temp') ? { expiresIn: 100 } : {}), ...(variant.endsWith('_dc') ? { dc: -2 } : {}) };
      const encryptedData = rsaPadEncrypt(serializeObject(inner as never), simPublicKey, random, pureCrypto);
      const dh = onServerDhParams(s1.state, server.answerReqDhParams({ ...s1.request, encryptedData }), env);
      const { key } = server.answerSetClientDhParams(dh.request);
      expect(key?.temp !== undefined).toBe(variant.includes('temp'));
      if (key?.temp) expect(key.temp.expiresAt).toBe(Math.floor(clock.now() / 1000) + 100);
    }
  });
});

describe('unencrypted message framing', () => {
  it('round-trips and rejects a non-zero auth_key_id or a wrong length', () => {
    const body = serializeObject({ _: 'req_pq_multi', nonce: new Uint8Array(16) });
    const msg = wrapPlainMessage(0x65abc0fc000df764n, body);
    expect(unwrapPlainMessage(msg).msgId).toBe(0x65abc0fc000df764n);
    const check = (bytes: Uint8Array) => {
      try {
        unwrapPlainMessage(bytes);
      } catch (e) {
        return (e as { check?: string }).check;
      }
      return 'accepted';
    };
    expect(check(flip(msg, 3))).toBe('plain.authKeyId');
    expect(check(msg.subarray(0, 19))).toBe('plain.length');
    expect(check(msg.subarray(0, msg.length - 4))).toBe('plain.length');
    expect(check(flip(msg, 16))).toBe('plain.length');
    // Padded intermediate appends 0..15 bytes the length field excludes (core.telegram.org/mtproto/mtproto-transports); 16 is not padding.
    const padded = (n: number) => new Uint8Array([...msg, ...new Uint8Array(n).fill(9)]);
    expect(check(padded(15))).toBe('accepted');
    expect(unwrapPlainMessage(padded(15)).body).toEqual(body);
    expect(check(padded(16))).toBe('plain.length');
  });
});
