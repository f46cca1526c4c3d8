/**
 * A quick look at one peers-bench operation (not a bench module): runs it `n` times for the chosen
 * peers, interleaved, against an in-process simulator as bench/peers.bench.ts does, and prints each
 * median and the CPU time per round. With `--profile <file>` it also writes a V8 CPU profile of the
 * timed rounds (open it in Chrome DevTools or summarize the samples by call stack).
 *   npx tsx bench/peers-probe.ts phone2faLogin 20 tgauth,mtcute
 *   npx tsx bench/peers-probe.ts newKey 40 tgauth --profile /tmp/newKey.cpuprofile
 * Peers: tgauth (no PFS, the peers' work), tgauth+pfs, tgauth-inline (no modpow workers), gramjs,
 * teleproto, mtcute. Operations: newKey, phoneLogin, phone2faLogin, qrLogin. POOL=<n> sets the simulator's DH pool (default 16, as the bench).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createNodeCrypto } from '../src/adapters/crypto/index.js';
import { startSimulatorHost } from '../src/adapters/node/index.js';
import { gramjsPeer } from './peers/gramjs-peer.js';
import { mtcutePeer } from './peers/mtcute-peer.js';
import { teleprotoPeer } from './peers/teleproto-peer.js';
import { tgauthPeer } from './peers/tgauth-peer.js';
import type { Peer } from './peers/thirdparty.js';

const args = process.argv.slice(2);
const profileAt = args.indexOf('--profile');
const profileFile = profileAt >= 0 ? args.splice(profileAt, 2)[1] : undefined;
const [op = 'newKey', nArg = '20', which = 'tgauth,mtcute'] = args;
const n = Number(nArg);
const API = { apiId: 12345, apiHash: '0123456789abcdef0123456789abcdef' };

const host = await startSimulatorHost({ control: false, dcCount: 2, dhPool: Number(process.env['POOL'] ?? 16) });
const make: Record<string, () => Promise<Peer | undefined>> = {
  tgauth: async () => tgauthPeer(host.config, API),
  'tgauth+pfs': async () => tgauthPeer(host.config, API, { pfs: true }),
  'tgauth-inline': async () => tgauthPeer(host.config, API, { crypto: createNodeCrypto({ powWorkers: 0 }), name: 'tgauth-inline' }),
  gramjs: async () => gramjsPeer(host.config, API),
  teleproto: async () => teleprotoPeer(host.config, API),
  mtcute: () => mtcutePeer(host.config, API),
};
const peers: Peer[] = [];
for (const name of which.split(',')) {
  const peer = await make[name]?.();
  if (!peer) throw new RangeError(`peer ${name} is unknown or not installed (npm install --prefix bench/thirdparty)`);
  peers.push(peer);
}
let next = 0;
const qrUser = host.simulator.accounts.create({ phone: '9996619999', dcId: 1, firstName: 'Qr' });
const account = () => host.simulator.accounts.create({ phone: `999661${String(next++).padStart(4, '0')}`, dcId: 1, firstName: 'Probe' });
const twoFa = op === 'phone2faLogin' ? Array.from({ length: (n + 2) * peers.length }, () => account()) : [];
for (const a of twoFa) await host.simulator.setPassword(a.id, 'probe password');
const run = (p: Peer): Promise<void> =>
  op === 'newKey'
    ? p.newKey()
    : op === 'phoneLogin'
      ? p.phoneLogin(account().phone, '11111')
      : op === 'phone2faLogin'
        ? p.phone2faLogin(twoFa.pop()!.phone, '11111', 'probe password')
        : p.qrLogin((t) => host.simulator.approveQr(t, qrUser.id));

for (const p of peers) for (let i = 0; i < 2; i++) await run(p); // warm-up
const session = profileFile ? new Session() : undefined;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
}
const times = peers.map(() => [] as number[]);
const cpu0 = process.cpuUsage();
for (let i = 0; i < n; i++)
  for (let k = 0; k < peers.length; k++) {
    const t = performance.now();
    await run(peers[k]!);
    times[k]!.push(performance.now() - t);
  }
const cpu = process.cpuUsage(cpu0);
if (session && profileFile) writeFileSync(profileFile, JSON.stringify((await session.post('Profiler.stop')).profile));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
peers.forEach((p, k) => console.log(`${op} ${p.name}: median ${median(times[k]!).toFixed(1)} ms`));
for (let k = 1; k < peers.length; k++) console.log(`ratio ${peers[0]!.name}/${peers[k]!.name}: ${(median(times[0]!) / median(times[k]!)).toFixed(2)}`);
console.log(`process CPU per round (all peers, both sides): ${((cpu.user + cpu.system) / 1000 / n).toFixed(1)} ms`);
await host.close();
process.exit(0);
