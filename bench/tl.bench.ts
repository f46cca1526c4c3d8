// TL codec benchmark: encode + decode of a typical rpc_result carrying auth.authorization (the answer to
// auth.signIn), as a client and the simulator handle it once per login. Shape expected by bench/harness.ts:
// `export default async function run(h): Promise<BenchRow[]>`; this file times itself so it does not depend
// on the harness API beyond that shape.
import { deserializeObject, serializeObject, type TlAny } from '../src/tl/index.js';

/** One result row (structurally compatible with the harness's BenchRow). */
export interface TlBenchRow {
  name: string;
  opsPerSec: number;
  nsPerOp: number;
  bytes: number;
}

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

function measure(name: string, fn: () => void, bytes: number, minMs = 300): TlBenchRow {
  for (let i = 0; i < 200; i++) fn();
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < minMs) {
    for (let i = 0; i < 100; i++) fn();
    n += 100;
    t = performance.now();
  }
  const ns = ((t - t0) * 1e6) / n;
  return { name, opsPerSec: Math.round(1e9 / ns), nsPerOp: Math.round(ns), bytes };
}

/** Runs the TL rows. */
export default async function run(_h?: unknown): Promise<TlBenchRow[]> {
  const bytes = serializeObject(message);
  return [
    measure('tl: encode rpc_result{auth.authorization}', () => serializeObject(message), bytes.length),
    measure('tl: decode rpc_result{auth.authorization}', () => deserializeObject(bytes), bytes.length),
    measure(
      'tl: encode+decode rpc_result{auth.authorization}',
      () => deserializeObject(serializeObject(message)),
      bytes.length,
    ),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await run());
