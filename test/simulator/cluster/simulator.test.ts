/** The cluster's host-facing surface: config JSON, addresses, the RSA PEM, unknown DCs, close. */
import { describe, expect, it } from 'vitest';
import { SIMULATOR_RSA_FINGERPRINT, bytesToHex as hex, parseRsaPublicKey } from '../../../src/crypto/index.js';
import { createSimulator, fingerprintHex, rsaPublicKeyPem } from '../../../src/simulator/index.js';
import { deserializeObject, serializeObject, type TlAny } from '../../../src/tl/index.js';
import {
  MsgIdGenerator,
  memoryDuplexPair,
  memoryPipe,
  unwrapPlainMessage,
  wrapPlainMessage,
} from '../../../src/transport/index.js';
import { fixedRandom } from '../../helpers/fixed-random.js';
import { ManualClock } from '../../helpers/manual-clock.js';

describe('createSimulator', () => {
  it('prints a config whose PEM parses back to the bundled key and whose DCs follow setAddresses', () => {
    const sim = createSimulator({ clock: new ManualClock(), random: fixedRandom('cfg'), dcCount: 3 });
    const before = sim.config();
    expect(before.dcs.map((d) => d.id)).toEqual([1, 2, 3]);
    expect(before.controlUrl).toBeUndefined();
    const key = parseRsaPublicKey(before.rsaPublicKeyPem);
    expect(key.fingerprint).toBe(SIMULATOR_RSA_FINGERPRINT);
    expect(before.fingerprint).toBe(SIMULATOR_RSA_FINGERPRINT.toString(16).padStart(16, '0'));
    sim.setAddresses([{ id: 2, host: '127.0.0.1', tcpPort: 4002, wsPort: 5002 }]);
    sim.setControlUrl('http://127.0.0.1:9000');
    expect(sim.config()).toMatchObject({
      dcs: [{ id: 1 }, { id: 2, tcpPort: 4002, wsPort: 5002 }, { id: 3 }],
      controlUrl: 'http://127.0.0.1:9000',
    });
    expect(sim.state.dcs).toEqual([{ id: 2, host: '127.0.0.1', port: 4002, wsPort: 5002 }]);
    expect(JSON.parse(JSON.stringify(sim.config()))).toEqual(sim.config());
  });

  it('encodes PEM for any key size and pads fingerprints to 16 hex digits', () => {
    const pem = rsaPublicKeyPem({ n: (1n << 2047n) + 12345n, e: 65537n });
    expect(parseRsaPublicKey(pem).n).toBe((1n << 2047n) + 12345n);
    expect(fingerprintHex(0x0abcn)).toBe('0000000000000abc');
    expect(fingerprintHex(-1n)).toBe('ffffffffffffffff');
  });

  it('closes streams for unknown DCs and everything on close(); rejects bad dcCount', () => {
    const clock = new ManualClock();
    const sim = createSimulator({ clock, random: fixedRandom('close'), dcCount: 2 });
    for (const dc of [0, 3, 1.5]) {
      const [client, server] = memoryPipe();
      let closed = false;
      client.data$.subscribe({ complete: () => (closed = true) });
      sim.acceptStream(dc, server);
      expect(closed, `dc ${dc}`).toBe(true);
    }
    const [client, server] = memoryPipe();
    let closed = false;
    client.data$.subscribe({ complete: () => (closed = true) });
    sim.acceptStream(1, server);
    expect(sim.connectionCounts()).toEqual({ 1: 1, 2: 0 });
    expect(clock.pending).toBe(1);
    sim.close();
    expect(closed).toBe(true);
    expect(clock.pending).toBe(0);
    expect(() => createSimulator({ clock, dcCount: 0 })).toThrow(/dcCount/);
  });

  it('keeps maxPendingExchanges key exchanges per DC, forgetting the least recently active past it', () => {
    /** The server_nonce DC 1 answers req_pq_multi with for each nonce, in order, on one connection. */
    const serverNonces = (maxPendingExchanges: number | undefined, nonces: number[]): string[] => {
      const clock = new ManualClock();
      const sim = createSimulator({ clock, random: fixedRandom('pending'), dcCount: 1, ...(maxPendingExchanges ? { maxPendingExchanges } : {}) });
      const [client, server] = memoryDuplexPair();
      const answers: string[] = [];
      client.frames$.subscribe((p) => answers.push(hex((deserializeObject(unwrapPlainMessage(p).body) as TlAny & { serverNonce: Uint8Array }).serverNonce)));
      sim.acceptDuplex(1, server);
      const ids = new MsgIdGenerator(clock);
      for (const n of nonces) client.send(wrapPlainMessage(ids.next(0), serializeObject({ _: 'req_pq_multi', nonce: new Uint8Array(16).fill(n) })));
      sim.close();
      return answers;
    };
    // A re-sent req_pq_multi of an exchange still held gets the same answer (core.telegram.org/mtproto/auth_key); a forgotten one starts anew.
    const [a, , , again] = serverNonces(2, [1, 2, 3, 1]);
    expect(again).not.toBe(a);
    const [b, , , same] = serverNonces(3, [1, 2, 3, 1]);
    expect(same).toBe(b);
    const [c, , , byDefault] = serverNonces(undefined, [1, 2, 3, 1]);
    expect(byDefault).toBe(c);
  });
});
