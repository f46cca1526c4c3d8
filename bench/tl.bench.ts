/**
 * TL codec: encode and decode of a typical rpc_result carrying auth.authorization (the answer to
 * auth.signIn), as a client and the simulator handle it once per login. Each row's median and p90 are
 * per operation, from batches of 100 (one call is a few microseconds, below the timer's resolution).
 */
import { deserializeObject, serializeObject, type TlAny } from '../src/tl/index.js';
import type { BenchHarness, BenchRow } from './harness.js';

const message: TlAny = {
  _: 'rpc_result',
  reqMsgId: 0x65abc0fc000df764n,
  result: {
    _: 'auth.authorization',
    user: {
      _: 'user',
      self: true,
      contact: true,
      mutualContact: true,
      premium: true,
      id: 777000123n,
      accessHash: -0x1234567890abcdefn,
      firstName: 'Ada',
      lastName: 'Lovelace',
      username: 'ada',
      phone: '9996621234',
      photo: { _: 'userProfilePhoto', photoId: 5555n, strippedThumb: new Uint8Array(120), dcId: 2 },
      status: { _: 'userStatusOnline', expires: 1_705_755_000 },
      langCode: 'en',
      usernames: [{ _: 'username', active: true, editable: true, username: 'ada' }],
      color: { _: 'peerColor', color: 5 },
    },
    tmpSessions: 3,
    futureAuthToken: new Uint8Array(64).fill(7),
  },
};

const BATCH = 100;

/** `fn` timed in batches of BATCH calls, reported per call. */
async function perCall(h: BenchHarness, name: string, fn: () => void) {
  const m = await h.measure(name, () => {
    for (let i = 0; i < BATCH; i++) fn();
  }, { iterations: 50, minTimeMs: 300, warmup: 5 });
  return h.row(name, { medianMs: m.medianMs / BATCH, p90Ms: m.p90Ms / BATCH });
}

/** The TL rows (the message is ~340 bytes on the wire). */
export default async function run(h: BenchHarness): Promise<BenchRow[]> {
  const bytes = serializeObject(message);
  return [
    await perCall(h, 'tl: encode rpc_result{auth.authorization}', () => serializeObject(message)),
    await perCall(h, 'tl: decode rpc_result{auth.authorization}', () => deserializeObject(bytes)),
    await perCall(h, 'tl: encode+decode rpc_result{auth.authorization}', () => deserializeObject(serializeObject(message))),
  ];
}
