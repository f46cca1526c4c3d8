/**
 * `tgauth login`: the interactive terminal login (phone, QR, bot token or Firebase PNV). Against the simulator
 * (default) it seeds demo accounts and shows the simulator's inbox, so a newcomer can read the code
 * and type it, and tells how a second device approves a QR code (the control API); with
 * `--dc production|test` it talks to real Telegram with the given api id/hash. `--session <file>`
 * keeps the session in a file, so the next run starts logged in.
 */
import { computeSrpCheck, computeSrpVerifier } from '../../crypto/index.js';
import {
  createAuthEngine,
  firebasePnvFlow,
  memoryStore,
  type AuthEngine,
  type AuthView,
  type FirebasePnvProvider,
} from '../../machines/index.js';
import { softwareFirebasePnvProvider } from '../firebase-pnv/index.js';
import { nodeCrypto } from '../crypto/index.js';
import { nodeTcpDial, type SimulatorHost } from '../node/index.js';
import { fileStore, type ClosableSessionStore } from '../store/index.js';
import { systemClock } from '../system-clock.js';
import type { CliOptions } from './cli-options.js';
import { formatView } from './format-view.js';
import { createLineReader } from './line-reader.js';
import { promptFor, type PromptContext } from './login-prompts.js';
import { runQrScreen } from './login-qr.js';
import { startSimulatorFromCli } from './sim-command.js';

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** The demo accounts a newcomer can try against the simulator; returns the one that approves QR codes. */
async function seedDemoAccounts(host: SimulatorHost): Promise<bigint> {
  const sim = host.simulator;
  const demo = sim.accounts.create({ phone: '9996621234', dcId: 2, firstName: 'Demo', lastName: 'User' });
  const pw = sim.accounts.create({ phone: '9996631234', dcId: 3, firstName: 'Twofa', lastName: 'User' });
  await sim.setPassword(pw.id, 'hunter2', { hint: 'hunter2', recoveryEmail: 'twofa@example.com' });
  sim.accounts.create({ botToken: '123456:demo-bot-token', dcId: 2, firstName: 'Demo Bot' });
  say('simulator running. Try:');
  say('  9996621234          code arrives in the simulator inbox (shown below the prompt)');
  say('  9996631234          code in the inbox, then the 2FA password hunter2 (or "recover")');
  say('  any new 99966XYYYY  sign up (X = home DC 1-5)');
  say('  qr                  a QR code; a second device approves it through the control API');
  say('  bot 123456:demo-bot-token');
  say('  pnv 9996621234     Firebase PNV: this "device" proves the number (any number; new ones sign up)');
  return demo.id;
}

/** How to approve a QR link on the simulator from "a second device": the control API. */
function simulatorApproveHint(controlUrl: string | undefined, userId: bigint): (link: string) => string[] {
  if (!controlUrl) return () => [];
  return (link) => [
    `control URL: ${controlUrl}`,
    `approve it as Demo User (id ${userId}) from a second shell:`,
    `  curl -s -X POST ${controlUrl}/qr/approve -H 'content-type: application/json' \\`,
    `    -d '${JSON.stringify({ token: link, userId: userId.toString() })}'`,
  ];
}

/**
 * The newest code the simulator delivered to `to`: a phone, or an e-mail pattern like
 * `t***@example.com` as the views show it, matched against the accounts' login and recovery
 * addresses (the inbox is keyed by the full address).
 */
function simulatorInbox(host: SimulatorHost, to: string): string | undefined {
  if (!to.includes('*')) return host.simulator.inbox(to).at(-1)?.code;
  const escaped = to.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*+/g, '.*');
  const pattern = new RegExp(`^${escaped}$`, 'i');
  for (const account of host.simulator.accounts.list()) {
    for (const address of [account.loginEmail, account.password?.recoveryEmail]) {
      const code = address && pattern.test(address) ? host.simulator.inbox(address).at(-1)?.code : undefined;
      if (code) return code;
    }
  }
  return undefined;
}

/** The next view that is not mid-request. */
function settledView(engine: AuthEngine): Promise<AuthView> {
  return new Promise((resolve) => {
    const sub = engine.state$.subscribe((v) => {
      if (v.busy || v.status === 'initializing' || v.status === 'loggingOut') return;
      queueMicrotask(() => sub.unsubscribe());
      resolve(v);
    });
  });
}

/** Runs the interactive login; resolves with the exit code. */
export async function runLogin(options: CliOptions): Promise<number> {
  if (options.dc !== undefined && (options.apiId === undefined || !options.apiHash)) {
    say('--dc production|test needs --api-id and --api-hash (from my.telegram.org)');
    return 2;
  }
  const store: ClosableSessionStore | undefined = options.session ? fileStore(options.session) : undefined;
  const host = options.dc === undefined ? await startSimulatorFromCli(options) : undefined;
  const demoUserId = host ? await seedDemoAccounts(host) : 0n;
  // The terminal has no Digital Credentials API: against the simulator a software "device" proves
  // the number typed after `pnv`; against Telegram there is no provider, so the flow shows unsupported.
  const pnvDevice: { phone?: string } = {};
  const sim = host?.simulator;
  const firebasePnv: FirebasePnvProvider | undefined = sim && {
    verifyPhoneNumber: (intent, signal) =>
      softwareFirebasePnvProvider({ phone: pnvDevice.phone, issue: (p, nonce) => sim.issueFirebasePnvToken(p, nonce) })
        .verifyPhoneNumber(intent, signal),
  };
  const engine = createAuthEngine({
    ...(firebasePnv ? { firebasePnv: firebasePnvFlow(firebasePnv) } : {}),
    apiId: options.apiId ?? 1,
    apiHash: options.apiHash ?? 'simulator',
    dcs: host ? host.config : (options.dc as 'production' | 'test'),
    dial: nodeTcpDial(),
    clock: systemClock,
    crypto: nodeCrypto,
    store: store ?? memoryStore(),
    srp: {
      computeSrpCheck: (params, random) => computeSrpCheck(params, random, nodeCrypto),
      computeSrpVerifier: (password, s1, s2, g, p) => computeSrpVerifier(password, s1, s2, g, p, nodeCrypto),
    },
  });
  const inbox = (to: string): string | undefined => (host ? simulatorInbox(host, to) : undefined);
  const reader = createLineReader(process.stdin, process.stdout);
  const ctx: PromptContext = { engine, reader, say, inbox, pnvDevice };
  const rejected = engine.on('command.rejected', (e) => say(`  (ignored: ${e.command} is not possible now)`));
  const approveHint = host ? simulatorApproveHint(host.config.controlUrl, demoUserId) : undefined;
  let lastError = '';
  try {
    for (;;) {
      const view = await settledView(engine);
      if (view.error && view.error.message !== lastError)
        say(`  error: ${view.error.type}: ${view.error.message}`);
      lastError = view.error?.message ?? '';
      say(`  [${formatView(view).replace(/ link=\S+/, '')}]`);
      if (view.status === 'waitQrConfirmation') {
        await runQrScreen({ engine, reader, say, ...(approveHint ? { approveHint } : {}) }, view);
        continue;
      }
      if (!(await promptFor(ctx, view))) break;
    }
  } finally {
    rejected.unsubscribe();
    reader.close();
    engine.stop();
    await store?.close();
    await host?.close();
  }
  return 0;
}
