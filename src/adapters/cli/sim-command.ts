/**
 * `tgauth sim`: starts the simulator with the demo accounts (and `--accounts`) and prints ONE JSON
 * line on stdout with its DCs, RSA key, control URL and console URL (and, bound beyond loopback, the
 * token the control API requires); the console's link and what to try go to stderr.
 */
import { readFile } from 'node:fs/promises';
import { TgauthError } from '../../crypto/index.js';
import { startSimulatorHost, type SimulatorHost, type SimulatorHostOptions } from '../node/index.js';
import { AccountsFileError, loadAccounts } from './accounts-file.js';
import { CliUsageError, readJsonOption } from './cli-errors.js';
import type { CliOptions } from './cli-options.js';
import { seedDemoAccounts } from './demo-accounts.js';

/** A started simulator and the id of the demo user that approves QR codes. */
export interface CliSimulator {
  readonly host: SimulatorHost;
  readonly demoUserId: bigint;
}

/** Starts a simulator host as the command line asks (ports, DC count, key file, accounts file). */
export async function startSimulatorFromCli(options: CliOptions): Promise<CliSimulator> {
  const hostOptions: SimulatorHostOptions = { host: options.host, dcCount: options.dcs };
  if (options.port !== undefined) hostOptions.basePort = options.port;
  if (options.key) {
    const key = options.key;
    hostOptions.rsaPrivateKey = await readFile(key, 'utf8').catch(() => {
      throw new CliUsageError(`--key ${key}: cannot read the file`);
    });
  }
  // Read the accounts before listening, so a bad file leaves no port open.
  const accounts = options.accounts ? await readJsonOption('--accounts', options.accounts, (p) => readFile(p, 'utf8')) : undefined;
  const host = await startSimulatorHost(hostOptions).catch((error: unknown) => {
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      const where = options.port === undefined ? `--host ${options.host}` : `--port ${options.port}`;
      throw new CliUsageError(`${where}: cannot listen there (${code})`);
    }
    throw error;
  });
  try {
    if (accounts !== undefined) await loadAccounts(host.simulator, accounts);
    const demoUserId = await seedDemoAccounts(host.simulator);
    return { host, demoUserId };
  } catch (error) {
    await host.close();
    // A malformed entry, or one the simulator refuses (a phone taken twice): the file's fault.
    if (error instanceof AccountsFileError || error instanceof TgauthError) throw new CliUsageError(`--accounts ${options.accounts}: ${error.message}`);
    throw error;
  }
}

/** Runs until SIGINT/SIGTERM. */
export async function runSim(options: CliOptions): Promise<number> {
  const { host } = await startSimulatorFromCli(options);
  process.stdout.write(`${JSON.stringify(host.config)}\n`);
  if (host.config.consoleUrl) process.stderr.write(`${consoleLine(host.config)}\n`);
  process.stderr.write(
    'demo accounts: 9996621234 (code 22222), 9996631234 (code 33333, 2FA password hunter2), bot 123456:demo-bot-token; Ctrl-C stops\n',
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await host.close();
  return 0;
}

/** The line that points a person at the console (and says why a token is in it). */
export function consoleLine(config: { consoleUrl?: string; controlToken?: string }): string {
  const why = config.controlToken
    ? ' (bound beyond loopback: the control API needs the token in this link, or Authorization: Bearer <token>)'
    : '';
  return `simulator console: ${config.consoleUrl}  (inbox, accounts, QR approval, DCs and keys, RPC log, clock, faults)${why}`;
}
