/** `tgauth sim`: starts the simulator and prints ONE JSON line with its DCs, RSA key and control URL. */
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
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await running.close();
  return 0;
}
