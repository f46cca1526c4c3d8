/**
 * tgauth next to GramJS, teleproto (GramJS's maintained fork, issue 24) and mtcute (issue 11), end
 * to end against one simulator on 127.0.0.1 in this process, all interleaved so they see the same
 * machine load:
 *   new auth key   connect, key exchange, initConnection(help.getConfig)
 *   phone login    new key, auth.sendCode, auth.signIn (test number 999661YYYY, code 11111)
 *   phone+2FA      the same plus account.getPassword and the SRP auth.checkPassword
 *   QR login       new key, auth.exportLoginToken, approval by the simulator (as the logged-in app,
 *                  pushing updateLoginToken), exportLoginToken again -> auth.loginTokenSuccess
 * Each row's ratio is to the fastest peer of that operation. Peers missing from bench/thirdparty
 * (`npm install --prefix bench/thirdparty`) are skipped.
 * The `e2e.*.vsPeers` rows run tgauth doing the peers' work: one permanent key carries the traffic
 * (`pfs: false`), as GramJS, teleproto and mtcute do no PFS. The `e2e.*.pfs.vsPeers` rows run the engine's
 * default, PFS (core.telegram.org/api/pfs): a second key exchange for the temp key and auth.bindTempAuthKey
 * before the first call, i.e. more work than the peers do.
 */
import { startSimulatorHost } from '../src/adapters/node/index.js';
import { gramjsPeer } from './peers/gramjs-peer.js';
import { mtcutePeer } from './peers/mtcute-peer.js';
import { teleprotoPeer } from './peers/teleproto-peer.js';
import { tgauthPeer } from './peers/tgauth-peer.js';
import type { Peer } from './peers/thirdparty.js';
import type { BenchHarness, BenchRow, Measurement } from './harness.js';

const API = { apiId: 12345, apiHash: '0123456789abcdef0123456789abcdef' };
const CODE = '11111'; // test numbers 99966XYYYY get X five times (core.telegram.org/api/auth "Test accounts")
const PASSWORD = 'bench password';

/** One call bounded by 30 s, so a peer that stalls fails its operation instead of hanging the run. */
const bounded = (what: string, fn: () => Promise<void>) => () =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new RangeError(`${what} took over 30 s`)), 30_000);
    fn().then(resolve, reject).finally(() => clearTimeout(timer));
  });

export default async function run(h: BenchHarness): Promise<BenchRow[]> {
  // The simulator keeps a few server DH pairs made in idle time (as a real server precomputes
  // them): the server's share of each operation shrinks for every peer alike.
  const host = await startSimulatorHost({ control: false, dcCount: 2, dhPool: 16 });
  try {
    const peers = [
      tgauthPeer(host.config, API),
      tgauthPeer(host.config, API, { pfs: true }),
      gramjsPeer(host.config, API),
      teleprotoPeer(host.config, API),
      await mtcutePeer(host.config, API),
    ].filter((p): p is Peer => p !== undefined);
    const ours = (p: Peer) => p.name.startsWith('tgauth');
    let next = 0;
    const qrUser = host.simulator.accounts.create({ phone: '9996619999', dcId: 1, firstName: 'Qr' });
    const account = () => host.simulator.accounts.create({ phone: `999661${String(next++).padStart(4, '0')}`, dcId: 1, firstName: 'Bench' });
    const ops: [string, (p: Peer) => () => Promise<void>][] = [
      ['newKey', (p) => () => p.newKey()],
      ['phoneLogin', (p) => () => p.phoneLogin(account().phone, CODE)],
      ['phone2faLogin', (p) => async () => p.phone2faLogin((twoFa.pop() ?? (await twoFaAccount())).phone, CODE, PASSWORD)],
      ['qrLogin', (p) => () => p.qrLogin((token) => host.simulator.approveQr(token, qrUser.id))],
    ];
    // 2FA accounts made before timing (the simulator's verifier costs a PBKDF2 each): 17 rounds each.
    const twoFaAccount = async () => {
      const a = account();
      await host.simulator.setPassword(a.id, PASSWORD);
      return a;
    };
    const twoFa = Array.from({ length: 17 * peers.length + 3 }, () => account());
    for (const a of twoFa) await host.simulator.setPassword(a.id, PASSWORD);
    // A rerun after a peer is left out needs more: made then, inside that round (rare).
    const rows: BenchRow[] = [];
    for (const [op, fnOf] of ops) {
      process.stderr.write(`  peers: ${op}\n`);
      // A client that fails or stalls in a round is left out of this operation (said on stderr), and
      // the others are measured again without it: one flaky peer must not cost every row.
      let active = peers;
      let ms: Measurement[] | undefined;
      while (!ms && active.length > 0) {
        try {
          ms = await h.measureInterleaved(active.map((p) => bounded(`${p.name} ${op}`, fnOf(p))), { iterations: 15, warmup: 2, minTimeMs: 0 });
        } catch (error) {
          const message = (error as Error).message;
          const failed = active.find((p) => message.startsWith(`${p.name} ${op}`)) ?? active.find((p) => message.includes(p.name));
          process.stderr.write(`  peers: ${op}: ${failed ? `${failed.name} left out` : 'skipped'}: ${message}\n`);
          active = failed ? active.filter((p) => p !== failed) : [];
        }
      }
      if (!ms) continue;
      const fastestPeer = active.map((p, i) => [p, ms[i]!] as const).filter(([p]) => !ours(p)).sort((a, b) => a[1].medianMs - b[1].medianMs)[0];
      const base: ({ name: string } & Measurement) | undefined = fastestPeer ? { name: `${fastestPeer[0].name}:e2e.${op}`, ...fastestPeer[1] } : undefined;
      active.forEach((p, i) => {
        const name = p.name === 'tgauth' ? `e2e.${op}.vsPeers` : p.name === 'tgauth+pfs' ? `e2e.${op}.pfs.vsPeers` : `${p.name}:e2e.${op}`;
        rows.push(h.row(name, ms[i]!, name === base?.name ? undefined : base));
      });
    }
    return rows;
  } finally {
    await host.close();
  }
}
