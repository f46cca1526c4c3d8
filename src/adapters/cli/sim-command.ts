/**
 * `tgauth sim`: starts the simulator and prints ONE JSON line on stdout with its DCs, RSA key,
 * control URL and console URL (and, bound beyond loopback, the token the control API requires);
 * the console's link goes to stderr as well, for a person reading the terminal.
 */
import { readFile } from 'node:fs/promises';
import { startSimulatorHost, type SimulatorHost, type SimulatorHostOptions } from '../node/index.js';
import { loadAccounts } from './accounts-file.js';
import type { CliOptions } from './cli-options.js';

/** Starts a simulator host as the command line asks (ports, DC count, key file, accounts file). */
export async function startSimulatorFromCli(options: CliOptions): Promise<SimulatorHost> {
  const hostOptions: SimulatorHostOptions = { host: options.host, dcCount: options.dcs };
  if (options.port !== undefined) hostOptions.basePort = options.port;
  if (options.key) hostOptions.rsaPrivateKey = await readFile(options.key, 'utf8');
  const host = await startSimulatorHost(hostOptions);
  if (options.accounts) {
    try {
      await loadAccounts(host.simulator, JSON.parse(await readFile(options.accounts, 'utf8')));
    } catch (error) {
      await host.close();
      throw error;
    }
  }
  return host;
}

/** Runs until SIGINT/SIGTERM. */
export async function runSim(options: CliOptions): Promise<number> {
  const running = await startSimulatorFromCli(options);
  process.stdout.write(`${JSON.stringify(running.config)}\n`);
  if (running.config.consoleUrl) process.stderr.write(`${consoleLine(running.config)}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await running.close();
  return 0;
}

/** The line that points a person at the console (and says why a token is in it). */
export function consoleLine(config: { consoleUrl?: string; controlToken?: string }): string {
  const why = config.controlToken
    ? ' (bound beyond loopback: the control API needs the token in this link, or Authorization: Bearer <token>)'
    : '';
  return `simulator console: ${config.consoleUrl}  (inbox, accounts, QR approval, DCs and keys, RPC log, clock, faults)${why}`;
}
