/**
 * Session fuzz: correctly encrypted messages whose bodies are random or mutated (real constructor ids
 * of containers, rpc_result, gzip_packed and service messages followed by junk) must never throw out
 * of `ClientSession.receive` or reject from the server's `receive`: bad input is dropped or answered.
 * Size: FUZZ_RUNS cases per property (default 1500).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pureCrypto } from '../../../src/crypto/index.js';
import { encryptMessage } from '../../../src/transport/session/message-crypto.js';
import { writeInt } from '../../../src/transport/session/wire.js';
import { makePair } from './session-harness.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 1500);
const HEADS = [0x73f1f8dc, 0xf35c6d01, 0x3072cfa1, 0x2144ca19, 0xa7eff811, 0xedab447b, 0x9ec20908, 0x62d6b459, 0xae500895, 0xda69fb52, 0x1cb5c415, 0xda9b0d0d, 0xc1cd5ea9];

const body = fc
  .tuple(fc.option(fc.constantFrom(...HEADS), { nil: undefined }), fc.uint8Array({ minLength: 0, maxLength: 300 }))
  .map(([head, rest]) => {
    const out = new Uint8Array(4 + rest.length + ((4 - (rest.length % 4)) % 4));
    out.set(rest, 4);
    if (head !== undefined) writeInt(out, 0, head);
    else out.set(rest.subarray(0, 4));
    return out;
  });

describe('session fuzz', () => {
  it('the client drops or handles any decryptable body without throwing', async () => {
    const p = makePair({ seed: 'fuzz-client' });
    p.client.invoke({ _: 'help.getNearestDc' });
    await p.pump();
    let id = (BigInt(Math.floor(p.clock.now() / 1000)) << 32n) | 0x1001n;
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 7 }), (b, seqNo) => {
        const wire = encryptMessage(
          p.key,
          'server',
          { salt: 0n, sessionId: p.client.sessionId, msgId: (id += 4n), seqNo, body: b },
          p.random,
          pureCrypto,
        );
        expect(Array.isArray(p.client.receive(wire))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('the server answers or drops any decryptable body without rejecting', async () => {
    const p = makePair({ seed: 'fuzz-server' });
    p.client.invoke({ _: 'help.getNearestDc' });
    await p.pump();
    let id = (BigInt(Math.floor(p.clock.now() / 1000)) << 32n) | 0x1000n;
    let seq = 100;
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (b, odd) => {
        seq += 2;
        const wire = encryptMessage(
          p.key,
          'client',
          { salt: p.client.serverSalt, sessionId: p.client.sessionId, msgId: (id += 4n), seqNo: seq + (odd ? 1 : 0), body: b },
          p.random,
          pureCrypto,
        );
        await p.conn.receive(wire);
        p.toClient.splice(0);
      }),
      { numRuns: RUNS },
    );
  });
});
