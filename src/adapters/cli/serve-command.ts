/**
 * `tgauth serve`: one worker of the login service (tgauth/service). With no configuration it keeps
 * its flows in `tgauth-service.sqlite` and logs in against a simulator it starts (`--sim-config`
 * names an external one, `--dc production|test` real Telegram); several `serve` processes on one
 * SQLite file, or on one `--database postgres://…`, share the flows. The operator key comes from
 * `--api-key` or TGAUTH_API_KEY, the sealing key from TGAUTH_SERVICE_KEY (`--dev`: none needed).
 * Prints one JSON line: `{ url, worker, database }`; stops gracefully on SIGINT/SIGTERM.
 */
import { readFile } from 'node:fs/promises';
import { computeSrpCheck, computeSrpVerifier } from '../../crypto/index.js';
import type { DcSelection } from '../../machines/index.js';
import { nodeCrypto } from '../crypto/index.js';
import { nodeTcpDial } from '../node/index.js';
import { createLoginService } from '../service/index.js';
import { systemClock } from '../clock/index.js';
import type { CliOptions } from './cli-options.js';
import { startSimulatorFromCli } from './sim-command.js';

/** Runs a worker until a signal; resolves with the exit code. */
export async function runServe(options: CliOptions): Promise<number> {
  const apiKey = options.apiKey ?? process.env['TGAUTH_API_KEY'];
  if (!apiKey || apiKey.length < 16) {
    process.stderr.write('tgauth serve needs an operator key of 16+ characters: --api-key or TGAUTH_API_KEY\n');
    return 2;
  }
  if (options.dc !== undefined && (options.apiId === undefined || !options.apiHash)) {
    process.stderr.write('--dc production|test needs --api-id and --api-hash (from my.telegram.org)\n');
    return 2;
  }
  const sim = options.dc === undefined && !options.simConfig ? await startSimulatorFromCli(options) : undefined;
  const dcs: DcSelection = sim
    ? sim.host.config
    : options.simConfig
      ? (JSON.parse(await readFile(options.simConfig, 'utf8')) as DcSelection)
      : (options.dc as 'production' | 'test');
  const database = options.database ?? 'tgauth-service.sqlite';
  const service = await createLoginService({
    database,
    apiKey,
    dev: options.dev === true,
    engine: {
      apiId: options.apiId ?? 1,
      apiHash: options.apiHash ?? 'simulator',
      dcs,
      dial: nodeTcpDial(),
      clock: systemClock,
      crypto: nodeCrypto,
      srp: {
        computeSrpCheck: (params, random) => computeSrpCheck(params, random, nodeCrypto),
        computeSrpVerifier: (password, s1, s2, g, p) => computeSrpVerifier(password, s1, s2, g, p, nodeCrypto),
      },
    },
    ...(options.workerId ? { workerId: options.workerId } : {}),
    ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
    limits: {
      ...(options.flowsPerIp !== undefined ? { flowsPerIpPerMinute: options.flowsPerIp } : {}),
      ...(options.codesPerPhone !== undefined ? { codesPerPhonePerHour: options.codesPerPhone } : {}),
    },
    ...(options.cors ? { corsOrigins: options.cors.split(',') } : {}),
    log: { level: process.env['TGAUTH_LOG_LEVEL'] ?? 'info', stream: process.stderr },
  });
  const url = await service.listen(options.servePort ?? 0, options.host);
  process.stdout.write(`${JSON.stringify({ url, worker: service.workerId, database: database.replace(/\/\/[^@/]*@/, '//…@'), ...(sim ? { simulator: sim.host.config } : {}) })}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await service.close();
  await sim?.host.close();
  return 0;
}
