/**
 * Bundle size (issue 11): the browser entry (engine + machines + transport + crypto + tl + the
 * WebSocket dial + WebCrypto backend) bundled and minified with esbuild, gzip size reported next to
 * the peers' browser builds (GramJS `telegram`, mtcute `@mtcute/web`) bundled the same way.
 *
 * These rows are sizes, not times: `medianMs` and `p90Ms` both hold the gzipped size in KB
 * (1 KB = 1000 bytes) and `ratio` is the size ratio to the smallest peer. bench/README.md says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions } from 'esbuild';
import type { BenchHarness, BenchRow } from './harness.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const thirdparty = join(root, 'bench', 'thirdparty');

/** What a browser app imports to log in: the engine, the WebSocket dial, WebCrypto and the clock. */
const TGAUTH_ENTRY = `
import { createAuthEngine, memoryStore } from './src/machines/index.js';
import { webSocketDial } from './src/adapters/browser/web-socket-dial.js';
import { webCrypto } from './src/adapters/crypto/web-crypto.js';
import { systemClock } from './src/adapters/clock/index.js';
export function login(apiId, apiHash, dcs) {
  return createAuthEngine({ apiId, apiHash, dcs, dial: webSocketDial(), crypto: webCrypto, clock: systemClock, store: memoryStore() });
}
`;

/** The same job with GramJS: a client over its browser WebSocket connection, then a phone login. */
const GRAMJS_ENTRY = `
import { TelegramClient } from 'telegram';
import { StringSession } from 'telegram/sessions/index.js';
export async function login(apiId, apiHash, phone, code) {
  const client = new TelegramClient(new StringSession(''), apiId, apiHash, { useWSS: true });
  await client.start({ phoneNumber: phone, phoneCode: code, onError: console.error });
  return client;
}
`;

/** mtcute's web meta-package: a client and its sign-in. */
const MTCUTE_ENTRY = `
import { TelegramClient } from '@mtcute/web';
export async function login(apiId, apiHash, phone, code) {
  const client = new TelegramClient({ apiId, apiHash });
  return client.start({ phone, code });
}
`;

interface Bundled {
  rawBytes: number;
  gzipBytes: number;
  note: string;
  /** Minified bytes per source area (src/<layer>, src/machines/<folder>, or the npm package), largest first. */
  areas: [string, number][];
}

/** The area an esbuild input belongs to: its npm package, or src/<layer> (src/machines/<folder> per folder). */
function areaOf(input: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (pkg) return pkg[1]!;
  const src = /^src\/(machines\/[^/]+(?=\/)|[^/]+)\//.exec(input);
  return src ? `src/${src[1]}` : input;
}

async function bundle(entry: string, resolveDir: string, extra: Partial<BuildOptions> = {}): Promise<Bundled> {
  const result = await build({
    stdin: { contents: entry, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    metafile: true,
    ...extra,
  });
  const js = (result.outputFiles ?? []).filter((f) => f.path.endsWith('.js') || f.path === '<stdout>');
  const bytes = Buffer.concat(js.map((f) => Buffer.from(f.contents)));
  const areas = new Map<string, number>();
  for (const output of Object.values(result.metafile?.outputs ?? {}))
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs))
      areas.set(areaOf(input), (areas.get(areaOf(input)) ?? 0) + bytesInOutput);
  const gzipBytes = gzipSync(bytes, { level: 9 }).length;
  return { rawBytes: bytes.length, gzipBytes, note: `${result.warnings.length} warnings`, areas: [...areas].sort((a, b) => b[1] - a[1]) };
}

/** Node built-ins GramJS's browser build expects a bundler to polyfill; left out here (not counted). */
const NODE_BUILTINS = ['fs', 'path', 'os', 'net', 'crypto', 'util', 'events', 'stream', 'buffer', 'constants', 'socks', 'node:*', 'http', 'https', 'tls', 'dns', 'zlib', 'url', 'child_process', 'assert', 'process'];

const kb = (bytes: number) => bytes / 1000;

export default async function run(h: BenchHarness): Promise<BenchRow[]> {
  const sizes: [string, Bundled][] = [['bundle.tgauth.browser.gzipKB', await bundle(TGAUTH_ENTRY, root)]];
  if (existsSync(join(thirdparty, 'node_modules', 'telegram'))) {
    try {
      sizes.push(['gramjs:bundle.browser.gzipKB', await bundle(GRAMJS_ENTRY, thirdparty, { external: NODE_BUILTINS, define: { 'process.env.NODE_ENV': '"production"' } })]);
    } catch (error) {
      process.stderr.write(`bundle: GramJS failed to bundle: ${(error as Error).message.slice(0, 500)}\n`);
    }
  }
  if (existsSync(join(thirdparty, 'node_modules', '@mtcute', 'web'))) {
    try {
      const b = await bundle(MTCUTE_ENTRY, thirdparty);
      // mtcute fetches its crypto as a separate .wasm at run time (new URL(..., import.meta.url)): count it.
      const wasm = join(thirdparty, 'node_modules', '@mtcute', 'wasm', 'mtcute.wasm');
      if (existsSync(wasm)) {
        const w = readFileSync(wasm);
        b.rawBytes += w.length;
        b.gzipBytes += gzipSync(w, { level: 9 }).length;
        b.note += ', includes mtcute.wasm';
      }
      sizes.push(['mtcute:bundle.browser.gzipKB', b]);
    } catch (error) {
      process.stderr.write(`bundle: mtcute failed to bundle: ${(error as Error).message.slice(0, 500)}\n`);
    }
  }
  for (const [name, b] of sizes) process.stderr.write(`  ${name}: ${b.rawBytes} bytes minified, ${b.gzipBytes} gzip (${b.note})\n`);
  const areas = sizes[0]![1].areas.filter(([, bytes]) => bytes >= 1000);
  process.stderr.write(`  tgauth minified KB by area: ${areas.map(([a, bytes]) => `${a} ${kb(bytes).toFixed(1)}`).join(', ')}\n`);
  const peers = sizes.slice(1);
  const smallest = peers.length ? peers.reduce((a, b) => (a[1].gzipBytes <= b[1].gzipBytes ? a : b)) : undefined;
  const asMeasure = (b: Bundled) => ({ medianMs: kb(b.gzipBytes), p90Ms: kb(b.gzipBytes) });
  const base = smallest ? { name: smallest[0], ...asMeasure(smallest[1]) } : undefined;
  return sizes.map(([name, b]) => h.row(name, asMeasure(b), name === base?.name ? undefined : base));
}
