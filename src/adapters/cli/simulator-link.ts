/**
 * The simulator `tgauth login` talks to: its own (started here, with the demo accounts), or one
 * already running, named by `--sim-config <file>` (the line `tgauth sim` printed) or
 * `--control-url <url>`. Either way the login can read the simulator's inbox (to show the code)
 * and tell how a second device approves a QR code.
 */
import { readFile } from 'node:fs/promises';
import type { SimulatorConfig } from '../../machines/index.js';
import type { SimulatorHost } from '../node/index.js';
import { CliUsageError, readJsonOption } from './cli-errors.js';
import type { CliOptions } from './cli-options.js';
import { DEMO_ACCOUNTS } from './demo-accounts.js';
import { startSimulatorFromCli } from './sim-command.js';

/** A simulator to log in against. */
export interface SimulatorLink {
  /** The DC list for `createAuthEngine({ dcs })`. */
  readonly config: SimulatorConfig;
  /** The simulator console's link (and the token it carries when bound beyond loopback). */
  readonly console: { consoleUrl?: string; controlToken?: string };
  /** The newest code delivered to a phone, or to an e-mail pattern like `t***@example.com`. */
  inbox(to: string): Promise<string | undefined>;
  /** How to approve a QR link from a second device (the console, the control API), when there is one. */
  approveHint(link: string): string[];
  /** A Google token for Firebase PNV proving `phone` for the intent's `nonce` (the simulator signs it). */
  issueFirebasePnvToken(phone: string, nonce: string): Promise<string>;
  close(): Promise<void>;
}

/** `^t.*@example\.com$` for the masked address a view shows. */
function emailPattern(masked: string): RegExp {
  const escaped = masked.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*+/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

function hintFor(
  controlUrl: string | undefined,
  userId: bigint | undefined,
  consoleUrl: string | undefined,
): (link: string) => string[] {
  if (!controlUrl || userId === undefined) return () => [];
  return (link) => [
    ...(consoleUrl ? [`approve it with one click in the simulator console: ${consoleUrl}#qr`, 'or'] : []),
    `control URL: ${controlUrl}`,
    `approve it as Demo User (id ${userId}) from a second shell:`,
    `  curl -s -X POST ${controlUrl}/qr/approve -H 'content-type: application/json' \\`,
    `    -d '${JSON.stringify({ token: link, userId: userId.toString() })}'`,
  ];
}

/** Starts a simulator for this login. */
export async function ownSimulator(options: CliOptions): Promise<SimulatorLink> {
  const { host, demoUserId } = await startSimulatorFromCli(options);
  const sim = host.simulator;
  const newest = (to: string): string | undefined => sim.inbox(to).at(-1)?.code;
  return {
    config: host.config,
    console: host.config,
    inbox(to) {
      if (!to.includes('*')) return Promise.resolve(newest(to));
      const pattern = emailPattern(to);
      for (const account of sim.accounts.list()) {
        for (const address of [account.loginEmail, account.password?.recoveryEmail]) {
          const code = address && pattern.test(address) ? newest(address) : undefined;
          if (code) return Promise.resolve(code);
        }
      }
      return Promise.resolve(undefined);
    },
    approveHint: hintFor(host.config.controlUrl, demoUserId, host.config.consoleUrl),
    issueFirebasePnvToken: (phone, nonce) => Promise.resolve(sim.issueFirebasePnvToken(phone, nonce)),
    close: () => (host as SimulatorHost).close(),
  };
}

interface RemoteAccount {
  id?: string;
  phone?: string;
  loginEmail?: string;
  recoveryEmail?: string;
}

/** Attaches to the simulator `--sim-config` or `--control-url` names. */
export async function attachSimulator(options: CliOptions): Promise<SimulatorLink> {
  let config: SimulatorConfig;
  const get = async (url: string, option: string): Promise<unknown> => {
    try {
      const response = await fetch(url);
      if (!response.ok) throw new CliUsageError(`${option}: ${url} answered ${response.status}`);
      return (await response.json()) as unknown;
    } catch (error) {
      if (error instanceof CliUsageError) throw error;
      throw new CliUsageError(`${option}: cannot reach the simulator at ${url} (is \`tgauth sim\` running?)`);
    }
  };
  if (options.simConfig) {
    config = (await readJsonOption('--sim-config', options.simConfig, (p) => readFile(p, 'utf8'))) as SimulatorConfig;
  } else {
    config = (await get(`${options.controlUrl!}/config`, '--control-url')) as SimulatorConfig;
  }
  if (typeof config !== 'object' || config === null || !Array.isArray(config.dcs)) {
    throw new CliUsageError(`${options.simConfig ? '--sim-config' : '--control-url'}: not the line \`tgauth sim\` prints (no "dcs" list)`);
  }
  const controlUrl = options.controlUrl ?? config.controlUrl;
  const option = options.controlUrl ? '--control-url' : '--sim-config';
  const accounts = async (): Promise<RemoteAccount[]> =>
    controlUrl ? ((await get(`${controlUrl}/accounts`, option)) as RemoteAccount[]) : [];
  const newest = async (to: string): Promise<string | undefined> => {
    if (!controlUrl) return undefined;
    const box = (await get(`${controlUrl}/inbox/${encodeURIComponent(to)}`, option)) as { code?: string }[];
    return box.at(-1)?.code;
  };
  const demo = (await accounts().catch(() => [])).find((a) => a.phone === DEMO_ACCOUNTS.plain.phone);
  return {
    config,
    console: config as { consoleUrl?: string; controlToken?: string },
    async inbox(to) {
      if (!to.includes('*')) return newest(to);
      const pattern = emailPattern(to);
      for (const account of await accounts()) {
        for (const address of [account.loginEmail, account.recoveryEmail]) {
          const code = address && pattern.test(address) ? await newest(address) : undefined;
          if (code) return code;
        }
      }
      return undefined;
    },
    approveHint: hintFor(controlUrl, demo?.id === undefined ? undefined : BigInt(demo.id), (config as { consoleUrl?: string }).consoleUrl),
    async issueFirebasePnvToken(phone, nonce) {
      if (!controlUrl) throw new CliUsageError(`${option}: the simulator has no control URL to sign a Firebase PNV token`);
      const response = await fetch(`${controlUrl}/firebase-pnv/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone, nonce }),
      });
      const body = (await response.json()) as { googleToken?: string; error?: string };
      if (!response.ok || typeof body.googleToken !== 'string') {
        throw new CliUsageError(`${option}: the simulator refused a Firebase PNV token (${body.error ?? response.status})`);
      }
      return body.googleToken;
    },
    close: () => Promise.resolve(),
  };
}
