/**
 * `tgauth` command line: `sim` (the local multi-DC Telegram), `tour` (every flow, scripted, against a
 * fresh simulator), `login` (interactive terminal login), `start` (what `npm start` runs: the
 * simulator plus `login` in a TTY, `tour` without one).
 */
import { parseArgs } from 'node:util';
import { TgauthError } from '../../crypto/index.js';
import type { CliOptions } from './cli-options.js';

const USAGE = `usage: tgauth <command> [options]

commands:
  start                 simulator + interactive login in a TTY; the scripted tour without one
  sim                   run the simulator; prints one JSON line with its DCs, RSA key and control URL
  tour                  scripted tour of every flow against a fresh simulator
  login                 interactive login: phone, QR or bot token (simulator by default;
                        --dc production|test for Telegram)
  serve                 a login-service worker (HTTP API; flows on --database, SQLite by default)
  login --service <url> log in through a running login service (operator key: TGAUTH_API_KEY)
  session export        print the --session file's session as a --format string
  session import <s>    write session string <s> (of --format) into a new --session file

options:
  --host <ip>           simulator listen host (default 127.0.0.1)
  --port <n>            first TCP port of the simulator (default: any free port)
  --dcs <n>             number of simulated DCs (default 5)
  --key <file>          simulator RSA private key (PEM); default: the bundled test key
  --accounts <file>     JSON accounts to create in the simulator
  --dc <name>           production | test (talk to real Telegram; needs --api-id and --api-hash)
  --api-id <n> --api-hash <hex>
  --session <file>      session file for login and session export/import
  --format <name>       gramjs | teleproto | telethon | pyrogram | mtcute
  --sim-config <file>   DC list for session export: the JSON line \`tgauth sim\` prints
  --database <d>        serve: SQLite file (default tgauth-service.sqlite) or postgres://…
  --api-key <k>         serve/login --service: operator key (default: TGAUTH_API_KEY)
  --dev                 serve: allow running without TGAUTH_SERVICE_KEY (local tries only)
  --http-port <n>       serve: HTTP port (default: any free port)
  --worker-id <id>      serve: this worker's name in leases and logs
  --lease-ms <n>        serve: lease length (a dead worker's flows move after it; default 10000)
  --flows-per-ip <n>    serve: new flows per client IP per minute (default 30)
  --cors <origins>      serve: origins allowed to call the API from a browser (comma-separated)
  --service <url>       login: through this login service
  -h, --help`;

function parse(argv: string[]): { command: string | undefined; options: CliOptions; help: boolean } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string' },
      dcs: { type: 'string', default: '5' },
      key: { type: 'string' },
      accounts: { type: 'string' },
      dc: { type: 'string' },
      'api-id': { type: 'string' },
      'api-hash': { type: 'string' },
      session: { type: 'string' },
      format: { type: 'string' },
      'sim-config': { type: 'string' },
      database: { type: 'string' },
      'api-key': { type: 'string' },
      dev: { type: 'boolean', default: false },
      'http-port': { type: 'string' },
      'worker-id': { type: 'string' },
      'lease-ms': { type: 'string' },
      'flows-per-ip': { type: 'string' },
      cors: { type: 'string' },
      service: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const num = (name: string, v: string | undefined): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new CliUsageError(`--${name} must be a non-negative integer`);
    return n;
  };
  const options: CliOptions = {
    host: values.host,
    dcs: num('dcs', values.dcs) ?? 5,
    rest: positionals.slice(1),
  };
  const port = num('port', values.port);
  if (port !== undefined) options.port = port;
  const httpPort = num('http-port', values['http-port']);
  if (httpPort !== undefined) options.servePort = httpPort;
  if (values.dev) options.dev = true;
  const leaseMs = num('lease-ms', values['lease-ms']);
  if (leaseMs !== undefined) options.leaseMs = leaseMs;
  const flowsPerIp = num('flows-per-ip', values['flows-per-ip']);
  if (flowsPerIp !== undefined) options.flowsPerIp = flowsPerIp;
  const apiId = num('api-id', values['api-id']);
  if (apiId !== undefined) options.apiId = apiId;
  for (const [k, v] of [
    ['key', values.key],
    ['accounts', values.accounts],
    ['dc', values.dc],
    ['apiHash', values['api-hash']],
    ['session', values.session],
    ['format', values.format],
    ['simConfig', values['sim-config']],
    ['database', values.database],
    ['apiKey', values['api-key']],
    ['workerId', values['worker-id']],
    ['cors', values.cors],
    ['service', values.service],
  ] as const) {
    if (v !== undefined) options[k] = v;
  }
  return { command: positionals[0], options, help: values.help };
}

/** A mistake in the command line: printed with the usage, exit code 2. */
class CliUsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parse(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { command, options, help } = parsed;
  if (help || command === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return help ? 0 : 2;
  }
  switch (command) {
    case 'sim':
      return (await import('./sim-command.js')).runSim(options);
    case 'tour':
      return (await import('./tour-command.js')).runTour(options);
    case 'login':
      return options.service
        ? (await import('./service-login.js')).runServiceLogin(options)
        : (await import('./login-command.js')).runLogin(options);
    case 'serve':
      return (await import('./serve-command.js')).runServe(options);
    case 'session':
      return (await import('./session-command.js')).runSession(options);
    case 'start':
      return process.stdin.isTTY && process.stdout.isTTY
        ? (await import('./login-command.js')).runLogin(options)
        : (await import('./tour-command.js')).runTour(options);
    default:
      process.stderr.write(`unknown command: ${command}\n${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Our own errors explain themselves; anything else is a bug and gets its stack.
    const text =
      error instanceof TgauthError
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
    process.stderr.write(`tgauth: ${text}\n`);
    process.exitCode = 1;
  },
);
