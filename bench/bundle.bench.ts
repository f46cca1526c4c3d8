/**
 * Bundle size (issues 11, 26): the browser entry (engine + machines + transport + crypto + tl + the
 * WebSocket dial + WebCrypto backend) bundled, split at its dynamic imports and minified with
 * esbuild; each output file gzipped alone (level 9), as a server sends it. Reported per chunk and
 * per area, next to the peers' browser builds (GramJS `telegram`, mtcute `@mtcute/web`) bundled the
 * same way in the same run.
 *
 * Two sizes are budgeted in bench/bundle-budget.json: the first load (the entry and every chunk it
 * imports statically: the engine with the phone-code and password flows) and the whole engine (all
 * chunks). Over budget, the bench prints why and exits 1 (the tests do not look at sizes).
 *
 * These rows are sizes, not times: `medianMs` and `p90Ms` both hold the gzipped size in KB
 * (1 KB = 1000 bytes) and `ratio` is the size ratio to the smallest peer. bench/README.md says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions } from 'esbuild';
import type { BenchHarness, BenchRow } from './harness.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const thirdparty = join(root, 'bench', 'thirdparty');

/** What a browser app imports to log in: the engine, the WebSocket dial, WebCrypto and the clock. */
const TGAUTH_ENTRY = `
import { createAuthEngine, memoryStore } from './src/machines/browser.js';
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

/** One output file: a chunk as a browser fetches it. */
interface Chunk {
  file: string;
  rawBytes: number;
  gzipBytes: number;
  /** Fetched with the entry (imported statically from it), or only when a dynamic import runs. */
  firstLoad: boolean;
  /** Minified bytes per source area in this chunk, largest first. */
  areas: [string, number][];
}

interface Bundled {
  rawBytes: number;
  gzipBytes: number;
  /** Gzip bytes of the chunks fetched with the entry. */
  firstLoadGzipBytes: number;
  note: string;
  chunks: Chunk[];
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

const sortedAreas = (m: Map<string, number>): [string, number][] => [...m].sort((a, b) => b[1] - a[1]);

async function bundle(entry: string, resolveDir: string, extra: Partial<BuildOptions> = {}): Promise<Bundled> {
  const outdir = join(resolveDir, 'bundle-out');
  const result = await build({
    stdin: { contents: entry, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    splitting: true,
    outdir,
    write: false,
    logLevel: 'silent',
    metafile: true,
    ...extra,
  });
  const rel = (path: string) => relative(resolveDir, path);
  const contents = new Map((result.outputFiles ?? []).map((f) => [rel(f.path), f.contents]));
  const outputs = Object.entries(result.metafile?.outputs ?? {}).filter(([file]) => file.endsWith('.js'));
  // The first load: the entry and the closure of its static imports.
  const entryFile = outputs.find(([, o]) => o.entryPoint !== undefined)?.[0];
  const first = new Set<string>();
  const visit = (file: string) => {
    if (first.has(file)) return;
    first.add(file);
    for (const i of result.metafile!.outputs[file]?.imports ?? []) if (i.kind === 'import-statement') visit(i.path);
  };
  if (entryFile) visit(entryFile);
  const total = new Map<string, number>();
  const chunks = outputs.map(([file, o]): Chunk => {
    const areas = new Map<string, number>();
    for (const [input, { bytesInOutput }] of Object.entries(o.inputs)) {
      areas.set(areaOf(input), (areas.get(areaOf(input)) ?? 0) + bytesInOutput);
      total.set(areaOf(input), (total.get(areaOf(input)) ?? 0) + bytesInOutput);
    }
    const bytes = contents.get(rel(join(process.cwd(), file))) ?? contents.get(file) ?? new Uint8Array();
    return { file: file.replace(/^.*bundle-out\//, ''), rawBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length, firstLoad: first.has(file), areas: sortedAreas(areas) };
  });
  const sum = (cs: Chunk[], k: 'rawBytes' | 'gzipBytes') => cs.reduce((n, c) => n + c[k], 0);
  return {
    rawBytes: sum(chunks, 'rawBytes'),
    gzipBytes: sum(chunks, 'gzipBytes'),
    firstLoadGzipBytes: sum(chunks.filter((c) => c.firstLoad), 'gzipBytes'),
    note: `${result.warnings.length} warnings, ${chunks.length} chunks`,
    chunks: chunks.sort((a, b) => Number(b.firstLoad) - Number(a.firstLoad) || b.gzipBytes - a.gzipBytes),
    areas: sortedAreas(total),
  };
}

/** bench/bundle-budget.json: gzip KB that the browser build may not exceed. */
interface BundleBudget {
  firstLoadGzipKB: number;
  totalGzipKB: number;
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
  const tgauth = sizes[0]![1];
  const areaList = (areas: [string, number][]) => areas.filter(([, bytes]) => bytes >= 300).map(([a, bytes]) => `${a} ${kb(bytes).toFixed(1)}`).join(', ');
  process.stderr.write(`  tgauth chunks (gzip KB each; minified KB by area):\n`);
  for (const c of tgauth.chunks)
    process.stderr.write(`    ${c.firstLoad ? 'first' : 'later'} ${c.file}: ${kb(c.gzipBytes).toFixed(2)} gzip, ${kb(c.rawBytes).toFixed(1)} min; ${areaList(c.areas)}\n`);
  process.stderr.write(`  tgauth minified KB by area (all chunks): ${areaList(tgauth.areas.filter(([, bytes]) => bytes >= 1000))}\n`);

  const budget = JSON.parse(readFileSync(join(root, 'bench', 'bundle-budget.json'), 'utf8')) as BundleBudget;
  const over = [
    ['first load', kb(tgauth.firstLoadGzipBytes), budget.firstLoadGzipKB],
    ['whole engine', kb(tgauth.gzipBytes), budget.totalGzipKB],
  ].filter(([, got, max]) => (got as number) > (max as number));
  for (const [what, got, max] of over)
    process.stderr.write(`  BUDGET EXCEEDED: ${what} ${(got as number).toFixed(2)} KB gzip > ${String(max)} KB (bench/bundle-budget.json)\n`);
  if (over.length) process.exitCode = 1;
  else process.stderr.write(`  within bench/bundle-budget.json (first load <= ${budget.firstLoadGzipKB} KB, whole <= ${budget.totalGzipKB} KB)\n`);

  const peers = sizes.slice(1);
  const smallest = peers.length ? peers.reduce((a, b) => (a[1].gzipBytes <= b[1].gzipBytes ? a : b)) : undefined;
  const asMeasure = (b: Bundled) => ({ medianMs: kb(b.gzipBytes), p90Ms: kb(b.gzipBytes) });
  const base = smallest ? { name: smallest[0], ...asMeasure(smallest[1]) } : undefined;
  const firstLoad = { medianMs: kb(tgauth.firstLoadGzipBytes), p90Ms: kb(tgauth.firstLoadGzipBytes) };
  return [
    ...sizes.map(([name, b]) => h.row(name, asMeasure(b), name === base?.name ? undefined : base)),
    h.row('bundle.tgauth.browser.firstLoad.gzipKB', firstLoad, base),
  ];
}
