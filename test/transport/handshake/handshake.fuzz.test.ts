// Mutated handshake messages in both directions: the client only ever throws SecurityError, the
// server only ever throws TransportError (-404/-444); no untyped exception, no hang, no acceptance
// of a tampered encrypted payload. Size: FUZZ_RUNS cases per property (default 300).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { SecurityError, pureCrypto } from '../../../src/crypto/index.js';
import { deserializeObject, serializeObject } from '../../../src/tl/index.js';
import {
  HandshakeServer,
  TransportError,
  onDhGenAnswer,
  onResPq,
  onServerDhParams,
  sealHashedPayload,
  startExchange,
  tmpAesKeyIv,
  unwrapPlainMessage,
  type AwaitingDhGenAnswer,
  type AwaitingServerDhParams,
  type DhGenAnswer,
  type HandshakeEnv,
  type ReqDhParams,
  type ServerDhParamsOk,
  type SetClientDhParams,
} from '../../../src/transport/index.js';
import { fixedRandom } from '../../helpers/fixed-random.js';
import { ManualClock } from '../../helpers/manual-clock.js';
import { clientEnv, makeServer, simPublicKey } from './handshake-harness.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

let env: HandshakeEnv;
let server: HandshakeServer;
let s1: AwaitingServerDhParams;
let reqDh: ReqDhParams;
let dhOk: ServerDhParamsOk;
let s2: AwaitingDhGenAnswer;
let setReq: SetClientDhParams;
let gen: DhGenAnswer;

beforeAll(() => {
  const clock = new ManualClock();
  env = clientEnv(fixedRandom('fuzz-c'), clock);
  server = makeServer(fixedRandom('fuzz-s'), clock);
  // Exchange 1 runs to the end (client-side material); exchanges 2 and 3 stop just before the
  // request the server property mutates, so each mutated request meets live server state.
  const r0 = startExchange({ dcId: 2 }, env);
  const r1 = onResPq(r0.state, server.answerReqPq(r0.request), [simPublicKey], env);
  s1 = r1.state;
  dhOk = server.answerReqDhParams(r1.request);
  const r2 = onServerDhParams(s1, dhOk, env);
  s2 = r2.state;
  gen = server.answerSetClientDhParams(r2.request).answer;

  const x0 = startExchange({ dcId: 2 }, env);
  reqDh = onResPq(x0.state, server.answerReqPq(x0.request), [simPublicKey], env).request;

  const y0 = startExchange({ dcId: 2, temp: { expiresIn: 60 } }, env);
  const y1 = onResPq(y0.state, server.answerReqPq(y0.request), [simPublicKey], env);
  setReq = onServerDhParams(y1.state, server.answerReqDhParams(y1.request), env).request;
});

/** Flips, overwrites, truncates or extends `bytes` at a fuzzer-chosen place; the result always differs. */
const mutation = fc.record({
  kind: fc.constantFrom('flip', 'set', 'truncate', 'extend'),
  at: fc.nat(),
  value: fc.integer({ min: 1, max: 255 }),
  extra: fc.uint8Array({ minLength: 1, maxLength: 40 }),
});
function mutate(bytes: Uint8Array, m: { kind: string; at: number; value: number; extra: Uint8Array }): Uint8Array {
  const i = bytes.length === 0 ? 0 : m.at % bytes.length;
  const out = bytes.slice();
  switch (m.kind) {
    case 'flip':
      out[i]! ^= m.value;
      return out;
    case 'set':
      // Always a real change (setting a byte to its own value would be the honest message).
      out[i] = m.value === out[i] ? m.value ^ 0x80 : m.value;
      return out;
    case 'truncate':
      return bytes.subarray(0, i);
    default:
      return new Uint8Array([...bytes, ...m.extra]);
  }
}

function typedOnly(fn: () => unknown, type: typeof SecurityError | typeof TransportError): unknown {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof type)) throw e;
    return e;
  }
}

describe('handshake fuzz', () => {
  it('client: a mutated encrypted_answer is always rejected with a SecurityError', () => {
    fc.assert(
      fc.property(mutation, (m) => {
        const encryptedAnswer = mutate(dhOk.encryptedAnswer, m);
        const r = typedOnly(() => onServerDhParams(s1, { ...dhOk, encryptedAnswer }, env), SecurityError);
        // Any change to the ciphertext breaks either the length or the SHA1 prefix.
        expect(r).toBeInstanceOf(SecurityError);
      }),
      { numRuns: RUNS },
    );
  });

  it('client: a validly sealed but mutated server_DH_inner_data never yields an untyped error', () => {
    const tmp = tmpAesKeyIv(s1.newNonce, s1.serverNonce, pureCrypto);
    const honest = serializeObject(deserializeObject(unwrapInner(dhOk, tmp)));
    fc.assert(
      fc.property(mutation, (m) => {
        const data = mutate(honest, m);
        const encryptedAnswer = sealHashedPayload(data, tmp, fixedRandom(), pureCrypto);
        typedOnly(() => onServerDhParams(s1, { ...dhOk, encryptedAnswer }, env), SecurityError);
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });

  it('client: a mutated dh_gen answer is rejected unless it is the honest one', () => {
    const bytes = serializeObject(gen);
    fc.assert(
      fc.property(mutation, (m) => {
        const mutated = mutate(bytes, m);
        let answer: DhGenAnswer;
        try {
          answer = deserializeObject(mutated) as DhGenAnswer;
        } catch {
          return; // the TL layer rejects it before the handshake sees it
        }
        const r = typedOnly(() => onDhGenAnswer(s2, answer, env), SecurityError);
        if (!(r instanceof SecurityError)) expect(serializeObject(answer)).toEqual(bytes);
      }),
      { numRuns: RUNS },
    );
  });

  it('server: mutated req_DH_params / set_client_DH_params only ever throw TransportError', () => {
    fc.assert(
      fc.property(mutation, fc.boolean(), (m, which) => {
        if (which) {
          typedOnly(() => server.answerReqDhParams({ ...reqDh, encryptedData: mutate(reqDh.encryptedData, m) }), TransportError);
        } else {
          typedOnly(() => server.answerSetClientDhParams({ ...setReq, encryptedData: mutate(setReq.encryptedData, m) }), TransportError);
        }
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });

  it('plaintext framing: random bytes never throw an untyped error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        typedOnly(() => unwrapPlainMessage(bytes), SecurityError);
      }),
      { numRuns: RUNS },
    );
  });
});

function unwrapInner(answer: ServerDhParamsOk, tmp: ReturnType<typeof tmpAesKeyIv>): Uint8Array {
  const plain = pureCrypto.aesIgeDecrypt(answer.encryptedAnswer, tmp.key, tmp.iv);
  for (let pad = 0; pad < 16; pad++) {
    const data = plain.subarray(20, plain.length - pad);
    try {
      return serializeObject(deserializeObject(data));
    } catch {
      // try the next padding length
    }
  }
  throw new RangeError('no inner object');
}
