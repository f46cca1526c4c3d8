/**
 * `tgauth login`: the interactive terminal login (phone, QR, bot token or Firebase PNV). Against a simulator it
 * starts (default, with the demo accounts) or one already running (`--sim-config`,
 * `--control-url`), it shows the simulator's inbox, so a newcomer can read the code and type it,
 * and tells how a second device approves a QR code (the control API); with `--dc production|test`
 * it talks to real Telegram with the given api id/hash. `--session <file>` keeps the session in a
 * file, so the next run starts logged in. Ctrl-C exits 130 and says what was kept.
 */
import { computeSrpCheck, computeSrpVerifier } from '../../crypto/index.js';
import {
  createAuthEngine,
  firebasePnvFlow,
  memoryStore,
  type AuthView,
  type FirebasePnvProvider,
} from '../../machines/index.js';
import { nodeCrypto } from '../crypto/index.js';
import { softwareFirebasePnvProvider } from '../firebase-pnv/index.js';
import { nodeTcpDial } from '../node/index.js';
import { fileStore, type ClosableSessionStore } from '../store/index.js';
import { systemClock } from '../clock/index.js';
import { CliUsageError, EXIT_INTERRUPTED } from './cli-errors.js';
import type { CliOptions } from './cli-options.js';
import { DEMO_HINT } from './demo-accounts.js';
import { formatView } from './format-view.js';
import { createLineReader } from './line-reader.js';
import { promptFor, settledView, type PromptContext } from './login-prompts.js';
import { runQrScreen } from './login-qr.js';
import { consoleLine } from './sim-command.js';
import { attachSimulator, ownSimulator, type SimulatorLink } from './simulator-link.js';

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Where the login goes: Telegram (`--dc`), a running simulator, or one started here. */
async function simulatorFor(options: CliOptions): Promise<SimulatorLink | undefined> {
  const attach = options.simConfig !== undefined || options.controlUrl !== undefined;
  if (options.dc !== undefined) {
    if (attach) throw new CliUsageError('--dc talks to Telegram; --sim-config/--control-url to a simulator: give one');
    if (options.apiId === undefined || !options.apiHash) {
      throw new CliUsageError('--dc production|test needs --api-id and --api-hash (from my.telegram.org)');
    }
    return undefined;
  }
  if (attach) return attachSimulator(options);
  const own = await ownSimulator(options);
  for (const line of DEMO_HINT) say(line);
  if (own.console.consoleUrl) say(consoleLine(own.console));
  return own;
}

/** What Ctrl-C leaves behind, in one sentence. */
function keptAfterInterrupt(view: AuthView, session: string | undefined): string {
  if (session === undefined) return 'interrupted: nothing was kept (add --session <file> to keep a login)';
  if (view.status === 'ready') return `interrupted: the login is kept in ${session}; the same command starts logged in`;
  if (view.status === 'waitPhoneNumber' || view.status === 'closed' || view.status === 'initializing') {
    return `interrupted: ${session} keeps the connection keys; no login was under way`;
  }
  return `interrupted: ${session} keeps the ${view.status} step; the same command resumes it`;
}

/** Runs the interactive login; resolves with the exit code. */
export async function runLogin(options: CliOptions): Promise<number> {
  const sim = await simulatorFor(options);
  const store: ClosableSessionStore | undefined = options.session ? fileStore(options.session) : undefined;
  // The terminal has no Digital Credentials API: against the simulator a software "device" proves
  // the number typed after `pnv`; against Telegram there is no provider, so the flow shows unsupported.
  const pnvDevice: { phone?: string } = {};
  const firebasePnv: FirebasePnvProvider | undefined = sim && {
    verifyPhoneNumber: (intent, signal) =>
      softwareFirebasePnvProvider({ phone: pnvDevice.phone, issue: (p, nonce) => sim.issueFirebasePnvToken(p, nonce) })
        .verifyPhoneNumber(intent, signal),
  };
  const engine = createAuthEngine({
    ...(firebasePnv ? { firebasePnv: firebasePnvFlow(firebasePnv) } : {}),
    apiId: options.apiId ?? 1,
    apiHash: options.apiHash ?? 'simulator',
    dcs: sim ? sim.config : (options.dc as 'production' | 'test'),
    dial: nodeTcpDial(),
    clock: systemClock,
    crypto: nodeCrypto,
    store: store ?? memoryStore(),
    srp: {
      computeSrpCheck: (params, random) => computeSrpCheck(params, random, nodeCrypto),
      computeSrpVerifier: (password, s1, s2, g, p) => computeSrpVerifier(password, s1, s2, g, p, nodeCrypto),
    },
  });
  const reader = createLineReader(process.stdin, process.stdout);
  const inbox = (to: string): Promise<string | undefined> => (sim ? sim.inbox(to) : Promise.resolve(undefined));
  const ctx: PromptContext = { engine, reader, say, inbox, pnvDevice };
  let interrupted = false;
  let wake = (): void => undefined;
  const interruption = new Promise<void>((resolve) => (wake = resolve));
  const interrupt = (): void => {
    interrupted = true;
    wake();
    reader.close();
  };
  reader.onInterrupt(interrupt);
  process.once('SIGINT', interrupt);
  // Refused input shows as the view's error (below); only out-of-place commands are said here.
  let refusal = false;
  const rejected = engine.on('command.rejected', (e) => {
    if (e.reason === 'command.unexpected') say(`  (ignored: ${e.message})`);
    else refusal = true;
  });
  let lastError = '';
  let last: AuthView = engine.getSnapshot();
  try {
    while (!interrupted) {
      const view = await Promise.race([settledView(engine), interruption.then(() => undefined)]);
      if (view === undefined) break;
      last = view;
      if (view.error && (view.error.message !== lastError || refusal)) say(`  error: ${view.error.message} [${view.error.code}]`);
      refusal = false;
      lastError = view.error?.message ?? '';
      say(`  [${formatView(view).replace(/ link=\S+/, '')}]`);
      if (view.status === 'waitQrConfirmation') {
        await runQrScreen({ engine, reader, say, ...(sim ? { approveHint: (l: string) => sim.approveHint(l) } : {}) }, view);
        continue;
      }
      if (!(await promptFor(ctx, view))) break;
    }
  } finally {
    process.removeListener('SIGINT', interrupt);
    rejected.unsubscribe();
    reader.close();
    // Interrupted with a session file: keep the step reached, so the same command resumes it.
    engine.stop({ keepPendingLogin: interrupted && store !== undefined });
    await store?.close();
    await sim?.close();
  }
  if (!interrupted) return 0;
  process.stderr.write(`tgauth: ${keptAfterInterrupt(last, options.session)}\n`);
  return EXIT_INTERRUPTED;
}
