/**
 * The `tgauth` command line parsed and checked in one place: every bad value becomes a
 * `CliUsageError` naming the option (one line, exit code 2) before any command starts.
 */
import { parseArgs } from 'node:util';
import { CliUsageError } from './cli-errors.js';
import type { CliOptions } from './cli-options.js';

/** What `tgauth <argv>` asks for. */
export interface ParsedCommandLine {
  command: string | undefined;
  options: CliOptions;
  help: boolean;
  version: boolean;
}

const SESSION_FORMATS = ['gramjs', 'teleproto', 'telethon', 'pyrogram', 'mtcute'];

function integer(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    throw new CliUsageError(`--${name} must be an integer from ${min} to ${max} (got "${text}")`);
  }
  return n;
}

function oneOf(name: string, text: string, allowed: readonly string[]): string {
  if (!allowed.includes(text)) throw new CliUsageError(`--${name} must be ${allowed.join(' or ')} (got "${text}")`);
  return text;
}

/** Parses `argv` (without `node` and the script); throws `CliUsageError` on any bad option. */
export function parseCommandLine(argv: string[]): ParsedCommandLine {
  let parsed;
  try {
    parsed = parseArgs({
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
        'control-url': { type: 'string' },
        database: { type: 'string' },
        'api-key': { type: 'string' },
        dev: { type: 'boolean', default: false },
        'http-port': { type: 'string' },
        'worker-id': { type: 'string' },
        'lease-ms': { type: 'string' },
        'flows-per-ip': { type: 'string' },
        'codes-per-phone': { type: 'string' },
        cors: { type: 'string' },
        service: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    // node:util's messages run on with advice about `--`; the first sentence is the news.
    throw new CliUsageError((error as Error).message.split('. ')[0]!.replace(/\.$/, ''));
  }
  const { values, positionals } = parsed;
  const dcs = integer('dcs', values.dcs, 1, 9);
  const options: CliOptions = { host: values.host, dcs, rest: positionals.slice(1) };
  // DC n listens on port + 2(n-1) (TCP) and the next (WebSocket), the control API after them.
  if (values.port !== undefined) options.port = integer('port', values.port, 1, 65535 - 2 * dcs);
  if (values['api-id'] !== undefined) options.apiId = integer('api-id', values['api-id'], 1, 0x7fffffff);
  if (values.dc !== undefined) options.dc = oneOf('dc', values.dc, ['production', 'test']);
  if (values.format !== undefined) options.format = oneOf('format', values.format, SESSION_FORMATS);
  if (values['api-hash'] !== undefined) {
    if (!/^[0-9a-f]{32}$/i.test(values['api-hash'])) {
      throw new CliUsageError('--api-hash must be the 32 hex digits my.telegram.org shows');
    }
    options.apiHash = values['api-hash'];
  }
  if (values['control-url'] !== undefined) {
    if (!/^https?:\/\/[^/\s]+/.test(values['control-url'])) {
      throw new CliUsageError(`--control-url must be an http:// URL (got "${values['control-url']}")`);
    }
    options.controlUrl = values['control-url'].replace(/\/+$/, '');
  }
  if (values['http-port'] !== undefined) options.servePort = integer('http-port', values['http-port'], 0, 65535);
  if (values['lease-ms'] !== undefined) options.leaseMs = integer('lease-ms', values['lease-ms'], 1000, 3_600_000);
  if (values['flows-per-ip'] !== undefined) options.flowsPerIp = integer('flows-per-ip', values['flows-per-ip'], 1, 1_000_000);
  if (values['codes-per-phone'] !== undefined) options.codesPerPhone = integer('codes-per-phone', values['codes-per-phone'], 1, 1_000_000);
  if (values.dev) options.dev = true;
  if (values.service !== undefined) {
    if (!/^https?:\/\/[^/\s]+/.test(values.service)) {
      throw new CliUsageError(`--service must be an http:// or https:// URL (got "${values.service}")`);
    }
    options.service = values.service.replace(/\/+$/, '');
  }
  for (const [k, v] of [
    ['database', values.database],
    ['apiKey', values['api-key']],
    ['workerId', values['worker-id']],
    ['cors', values.cors],
  ] as const) {
    if (v === '') throw new CliUsageError(`--${k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())} needs a value`);
    if (v !== undefined) options[k] = v;
  }
  for (const [k, v] of [
    ['key', values.key],
    ['accounts', values.accounts],
    ['session', values.session],
    ['simConfig', values['sim-config']],
  ] as const) {
    if (v === '') throw new CliUsageError(`--${k === 'simConfig' ? 'sim-config' : k} needs a file name`);
    if (v !== undefined) options[k] = v;
  }
  return { command: positionals[0], options, help: values.help, version: values.version };
}
