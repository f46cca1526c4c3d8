import { describe, expect, it } from 'vitest';
import { bytesToHex, equalBytes, pureCrypto, TELEGRAM_DH_PRIME, type CryptoProvider, type PendingPow } from '../../../src/crypto/index.js';
import { TransportError } from '../../../src/transport/index.js';
import { fixedRandom } from '../../helpers/fixed-random.js';
import { ManualClock } from '../../helpers/manual-clock.js';
import { clientEnv, makeServer, runExchange } from './handshake-harness.js';

describe('client and server halves against each other', () => {
  it('agree on a permanent key, its id and the salt', () => {
    const clock = new ManualClock();
    const server = makeServer(fixedRandom('server'), clock);
    const { client, server: key } = runExchange(server, { dcId: 2 }, clientEnv(fixedRandom('client'), clock));
    expect(client.authKey.length).toBe(256);
    expect(equalBytes(client.authKey, key.authKey)).toBe(true);
    expect(bytesToHex(client.authKeyId)).toBe(bytesToHex(pureCrypto.sha1(client.authKey).subarray(12)));
    expect(bytesToHex(client.authKeyId)).toBe(bytesToHex(key.authKeyId));
    expect(client.serverSalt).toBe(key.serverSalt);
    expect(client.expiresAt).toBeUndefined();
    expect(key.temp).toBeUndefined();
    expect(client.timeOffset).toBe(0);
    expect(server.pendingCount).toBe(0);
  });

  it('agree on a temporary key with expires_in, and the time offset follows the server clock', () => {
    const serverClock = new ManualClock(Date.UTC(2026, 0, 1));
    const clientClock = new ManualClock(Date.UTC(2026, 0, 1) - 600_000); // client 10 minutes slow
    const server = makeServer(fixedRandom('server-t'), serverClock);
    const { client, server: key } = runExchange(server, { dcId: 2, temp: { expiresIn: 86400 } }, clientEnv(fixedRandom('client-t'), clientClock));
    expect(equalBytes(client.authKey, key.authKey)).toBe(true);
    expect(client.timeOffset).toBe(600);
    const serverNow = Math.floor(serverClock.now() / 1000);
    expect(key.temp?.expiresAt).toBe(serverNow + 86400);
    expect(client.expiresAt).toBe(serverNow + 86400);
  });

  it('runs a permanent and a temporary exchange interleaved on one server (state keyed by nonce)', async () => {
    const { onDhGenAnswer, onResPq, onServerDhParams, startExchange } = await import('../../../src/transport/index.js');
    const { simPublicKey } = await import('./handshake-harness.js');
    const clock = new ManualClock();
    const server = makeServer(fixedRandom('srv-both'), clock);
    const env = clientEnv(fixedRandom('cli-both'), clock);
    const a0 = startExchange({ dcId: 2 }, env);
    const b0 = startExchange({ dcId: 2, temp: { expiresIn: 3600 } }, env);
    const aRes = server.answerReqPq(a0.request);
    const bRes = server.answerReqPq(b0.request);
    const b1 = onResPq(b0.state, bRes, [simPublicKey], env);
    const a1 = onResPq(a0.state, aRes, [simPublicKey], env);
    const a2 = onServerDhParams(a1.state, server.answerReqDhParams(a1.request), env);
    const b2 = onServerDhParams(b1.state, server.answerReqDhParams(b1.request), env);
    expect(server.pendingCount).toBe(2);
    const bAns = server.answerSetClientDhParams(b2.request);
    const aAns = server.answerSetClientDhParams(a2.request);
    const a3 = onDhGenAnswer(a2.state, aAns.answer, env);
    const b3 = onDhGenAnswer(b2.state, bAns.answer, env);
    if (!('done' in a3) || !('done' in b3)) throw new Error('not done');
    expect(equalBytes(a3.done.authKey, aAns.key!.authKey)).toBe(true);
    expect(equalBytes(b3.done.authKey, bAns.key!.authKey)).toBe(true);
    expect(bAns.key!.temp).toBeDefined();
    expect(aAns.key!.temp).toBeUndefined();
  });

  it('completes many exchanges with random nonces, every key 256 bytes', () => {
    const clock = new ManualClock();
    const server = makeServer(fixedRandom('many-server'), clock);
    const runs = Number(process.env.HANDSHAKE_RUNS ?? 12);
    for (let i = 0; i < runs; i++) {
      const env = clientEnv(fixedRandom(`many-${i}`), clock);
      const { client, server: key } = runExchange(server, { dcId: 2, ...(i % 2 ? { temp: { expiresIn: 600 } } : {}) }, env);
      expect(client.authKey.length).toBe(256);
      expect(equalBytes(client.authKey, key.authKey)).toBe(true);
    }
  });

  it('left-pads a short DH result to 256 bytes on both sides (the ~1-in-256 case)', () => {
    // Seeds found by searching fixedRandom seeds once: this pair makes g^(ab) mod p a 255-byte number.
    const clock = new ManualClock();
    const server = makeServer(fixedRandom('short-server'), clock);
    const { client, server: key } = runExchange(server, { dcId: 2 }, clientEnv(fixedRandom('short-629'), clock));
    expect(client.authKey.length).toBe(256);
    expect(client.authKey[0]).toBe(0);
    expect(client.authKey[1]).not.toBe(0);
    expect(equalBytes(client.authKey, key.authKey)).toBe(true);
    // The key id is taken over all 256 bytes, leading zero included: both sides agree on it.
    expect(bytesToHex(client.authKeyId)).toBe(bytesToHex(pureCrypto.sha1(client.authKey).subarray(12)));
    expect(bytesToHex(key.authKeyId)).toBe(bytesToHex(client.authKeyId));
  });

  it('handles dh_gen_retry: the retry carries retry_id = aux hash and ends in a shared key', () => {
    const clock = new ManualClock();
    let collisions = 2;
    const server = makeServer(fixedRandom('retry-server'), clock, { admitKey: () => (collisions-- > 0 ? 'retry' : 'ok') });
    const { client, server: key, retries } = runExchange(server, { dcId: 2 }, clientEnv(fixedRandom('retry-client'), clock));
    expect(retries).toBe(2);
    expect(equalBytes(client.authKey, key.authKey)).toBe(true);
  });

  /** pureCrypto plus a startModPow that records each power started and what became of it. */
  function recordingCrypto(): { crypto: CryptoProvider; started: { base: bigint; mod: bigint; fate: string }[] } {
    const started: { base: bigint; mod: bigint; fate: string }[] = [];
    const crypto: CryptoProvider = {
      ...pureCrypto,
      startModPow(base, exp, mod): PendingPow {
        const entry = { base, mod, fate: 'started' };
        started.push(entry);
        return {
          result: () => ((entry.fate = 'used'), pureCrypto.modPow(base, exp, mod)),
          cancel: () => void (entry.fate = 'cancelled'),
        };
      },
    };
    return { crypto, started };
  }

  it('starts g^b for g = 3 and the known prime before the answer, then g_a^b, and uses both', () => {
    const clock = new ManualClock();
    const { crypto, started } = recordingCrypto();
    const server = makeServer(fixedRandom('early-server'), clock);
    const { client, server: key } = runExchange(server, { dcId: 2 }, { ...clientEnv(fixedRandom('early-client'), clock), crypto });
    expect(equalBytes(client.authKey, key.authKey)).toBe(true);
    expect(started.map((s) => [s.base === 3n ? 'g' : 'g_a', s.mod === TELEGRAM_DH_PRIME, s.fate])).toEqual([
      ['g', true, 'used'],
      ['g_a', true, 'used'],
    ]);
  });

  it('a server with another g: the early g^b is cancelled and the same b is powered again, same key', () => {
    const clock = new ManualClock();
    const { crypto, started } = recordingCrypto();
    const server = makeServer(fixedRandom('g4-server'), clock, { g: 4 });
    const { client, server: key } = runExchange(server, { dcId: 2 }, { ...clientEnv(fixedRandom('g4-client'), clock), crypto });
    expect(equalBytes(client.authKey, key.authKey)).toBe(true);
    expect(started.map((s) => s.fate)).toEqual(['cancelled', 'used']);
    // Whether a backend starts powers or computes them lazily, the same random stream gives the same key.
    const plain = runExchange(makeServer(fixedRandom('g4-server'), clock, { g: 4 }), { dcId: 2 }, clientEnv(fixedRandom('g4-client'), clock));
    expect(equalBytes(plain.client.authKey, client.authKey)).toBe(true);
  });

  it('an abandoned exchange cancels what it started: the early g^b, then the candidate key', async () => {
    const { abandonExchange, onResPq, onServerDhParams, startExchange } = await import('../../../src/transport/index.js');
    const { simPublicKey } = await import('./handshake-harness.js');
    const clock = new ManualClock();
    const { crypto, started } = recordingCrypto();
    const env = { ...clientEnv(fixedRandom('abandon-client'), clock), crypto };
    const server = makeServer(fixedRandom('abandon-server'), clock);
    const s0 = startExchange({ dcId: 2 }, env);
    expect(started.map((s) => s.fate)).toEqual(['started']); // g^b runs from the first request on
    abandonExchange(s0.state);
    expect(started.map((s) => s.fate)).toEqual(['cancelled']);

    const t0 = startExchange({ dcId: 2 }, env);
    const t1 = onResPq(t0.state, server.answerReqPq(t0.request), [simPublicKey], env);
    const t2 = onServerDhParams(t1.state, server.answerReqDhParams(t1.request), env);
    abandonExchange(t2.state);
    expect(started.map((s) => s.fate)).toEqual(['cancelled', 'used', 'cancelled']);
    abandonExchange(undefined); // no exchange running: nothing to do
  });

  it('rejects with -444 a dc field for another DC, and forgets expired exchanges', async () => {
    const { onResPq, startExchange } = await import('../../../src/transport/index.js');
    const { simPublicKey } = await import('./handshake-harness.js');
    const clock = new ManualClock();
    const env = clientEnv(fixedRandom('dc'), clock);
    const server = makeServer(fixedRandom('dc-srv'), clock);
    const s0 = startExchange({ dcId: 2, test: true }, env);
    const s1 = onResPq(s0.state, server.answerReqPq(s0.request), [simPublicKey], env);
    expect(() => server.answerReqDhParams(s1.request)).toThrow(expect.objectContaining({ code: -444 }));

    const t0 = startExchange({ dcId: 2 }, env);
    const t1 = onResPq(t0.state, server.answerReqPq(t0.request), [simPublicKey], env);
    clock.advance(11 * 60_000);
    expect(() => server.answerReqDhParams(t1.request)).toThrow(TransportError);
  });
});
