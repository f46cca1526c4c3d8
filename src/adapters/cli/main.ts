/**
 * `tgauth` command line: `sim` (the local multi-DC Telegram), `tour` (every flow, scripted, against a
 * fresh simulator), `login` (interactive terminal login, or through a login service), `serve` (a
 * login-service worker), `start` (what `npm start` runs: the
 * simulator plus `login` in a TTY, `tour` without one), `session export|import`, `help`, `version`.
 * A bad argument is one line on stderr and exit code 2; Ctrl-C in `login` exits 130.
 */
import { readFileSync } from 'node:fs';
import { TgauthError } from '../../crypto/index.js';
import { CliUsageError } from './cli-errors.js';
import { parseCommandLine, type ParsedCommandLine } from './parse-args.js';
import { USAGE } from './usage.js';

/** The package's version (dist/adapters/cli and src/adapters/cli are both three levels down). */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

async function main(argv: string[]): Promise<number> {
  let parsed: ParsedCommandLine;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    return usageError(error.message);
  }
  const { command, options, help } = parsed;
  if (parsed.version || command === 'version') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  if (help || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
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
      return usageError(`unknown command "${command}"`);
  }
}

/** One line and exit code 2: what was wrong, and where the usage is. */
function usageError(message: string): number {
  process.stderr.write(`tgauth: ${message} (see tgauth --help)\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliUsageError) {
      process.exitCode = usageError(error.message);
      return;
    }
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
