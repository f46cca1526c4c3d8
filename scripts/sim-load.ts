/**
 * `npm run sim:load`: a bounded load test of the simulator over real TCP on 127.0.0.1. One process
 * runs the cluster (five DCs behind `listenTcp`) and N clients (default 1,000, all at once); each
 * client opens its own TCP connection to the DC of its test number, runs the key exchange
 * (req_pq_multi .. dh_gen_ok), then a phone login (sendCode, signIn, signUp, updates.getState).
 * Every client must succeed; the time and the peak RSS (sampled every 25 ms) are printed.
 *
 *   npm run sim:load [-- N]      (or SIM_LOAD_CONNECTIONS=N); bounded by SIM_LOAD_TIMEOUT_MS (default 540 s)
 *   SIM_LOAD_CONSOLE=1 npm run sim:load    the same with the simulator console open in Chromium
 *                                          (scripts/sim-load-console.ts); SIM_LOAD_CONSOLE_TAB=rpc|dcs|inbox
 */
import { connect } from 'node:net';
import { nodeCrypto } from '../src/adapters/crypto/index.js';
import { listenTcp, socketByteStream, type Listener } from '../src/adapters/node/index.js';
import { systemClock } from '../src/adapters/clock/index.js';
import { secureRandom } from '../src/crypto/index.js';
import { createSimulator } from '../src/simulator/index.js';
import { WireClient } from '../test/simulator/mtproto/wire-client.js';
import { login } from '../test/simulator/mtproto/wire-harness.js';
import type { OpenConsole } from './sim-load-console.js';

const count = Number(process.argv[2] ?? process.env['SIM_LOAD_CONNECTIONS'] ?? 1000);
const timeoutMs = Number(process.env['SIM_LOAD_TIMEOUT_MS'] ?? 540_000);
const DCS = 5;
if (!Number.isInteger(count) || count < 1 || count > 10_000 * DCS)
  throw new RangeError(`connection count ${count} is not 1..${10_000 * DCS}`);

let peakRss = process.memoryUsage().rss;
const baseRss = peakRss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

const sim = createSimulator({ clock: systemClock, random: secureRandom, crypto: nodeCrypto, dcCount: DCS });
const listeners: Listener[] = [];
for (let dcId = 1; dcId <= DCS; dcId++) {
  listeners.push(await listenTcp({ host: '127.0.0.1', port: 0 }, (stream) => sim.acceptStream(dcId, stream)));
}
sim.setAddresses(listeners.map((l, i) => ({ id: i + 1, host: l.host, tcpPort: l.port })));

const consoleTab = process.env['SIM_LOAD_CONSOLE'] ? (process.env['SIM_LOAD_CONSOLE_TAB'] ?? 'rpc') : undefined;
// Loaded only when asked for, so a plain run does not carry playwright-core in its RSS.
const consolePage: OpenConsole | undefined = consoleTab
  ? await (await import('./sim-load-console.js')).openConsole(sim, consoleTab)
  : undefined;
const consoleRss = process.memoryUsage().rss;

const timings = { handshake: [] as number[], login: [] as number[] };
const failures: string[] = [];

/** Client i: test number 99966XYYYY on DC X (round robin), code X five times. */
async function client(i: number): Promise<void> {
  const dcId = 1 + (i % DCS);
  const phone = `99966${dcId}${String(Math.floor(i / DCS)).padStart(4, '0')}`;
  const port = listeners[dcId - 1]!.port;
  const t0 = performance.now();
  const c = await WireClient.connect({
    dcId,
    clock: systemClock,
    random: secureRandom,
    crypto: nodeCrypto,
    open: () => socketByteStream(connect({ host: '127.0.0.1', port })),
  });
  const t1 = performance.now();
  const userId = await login(c, phone, String(dcId).repeat(5));
  const state = (await c.call({ _: 'updates.getState' })) as { _: string };
  if (typeof userId !== 'bigint' || state._ !== 'updates.state')
    throw new TypeError(`client ${i}: unexpected answer`);
  timings.handshake.push(t1 - t0);
  timings.login.push(performance.now() - t1);
  c.close();
}

const started = performance.now();
let timer: NodeJS.Timeout | undefined;
const deadline = new Promise<'timeout'>(
  (resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)),
);
const all = Promise.all(
  Array.from({ length: count }, (_, i) =>
    client(i).catch((error: unknown) => {
      failures.push(`client ${i}: ${error instanceof Error ? error.message : String(error)}`);
    }),
  ),
);
const outcome = await Promise.race([all.then(() => 'done' as const), deadline]);
const elapsed = performance.now() - started;
clearTimeout(timer);
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ok = timings.login.length;
console.log(
  `sim:load  ${count} concurrent TCP connections on 127.0.0.1 across ${DCS} DCs (key exchange + phone login each)`,
);
console.log(
  `  succeeded ${ok}/${count}, failed ${failures.length}${outcome === 'timeout' ? `, TIMED OUT after ${timeoutMs} ms` : ''}`,
);
console.log(`  wall time ${(elapsed / 1000).toFixed(2)} s  (${(ok / (elapsed / 1000)).toFixed(1)} logins/s)`);
console.log(
  `  key exchange ms p50 ${pct(timings.handshake, 50).toFixed(0)} p99 ${pct(timings.handshake, 99).toFixed(0)}; login ms p50 ${pct(timings.login, 50).toFixed(0)} p99 ${pct(timings.login, 99).toFixed(0)}`,
);
console.log(
  `  peak RSS ${mb(peakRss)} MiB (start ${mb(baseRss)} MiB, +${((peakRss - baseRss) / Math.max(1, count) / 1024).toFixed(1)} KiB per connection)`,
);
console.log(
  `  simulator: ${sim.keys().length} auth keys, ${sim.accounts.list().length} accounts, ${sim.sessions().length} sessions`,
);
if (consolePage) {
  const seen = await consolePage.status();
  console.log(
    `  console open on #${consoleTab} (${consolePage.url}): ${seen.live}, page shows ${seen.rpcRows} RPC rows; ` +
      `RSS with the console open before the load ${mb(consoleRss)} MiB; RPC log ${sim.state.rpcLog.since().length}/${sim.state.rpcLog.capacity} entries (seq ${sim.state.rpcLog.lastSeq})`,
  );
  await consolePage.close();
}
for (const f of failures.slice(0, 10)) console.log(`  ${f}`);

sim.close();
await Promise.all(listeners.map((l) => l.close()));
process.exit(outcome === 'done' && failures.length === 0 && ok === count ? 0 : 1);
