/**
 * Starts the web demo's Vite dev server (examples/web) as a child process, handing it the
 * simulator's config, which the page fetches as `/config.json`. Shared by `npm run web`
 * (scripts/web.ts) and the browser tests (test/browser).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The demo's directory. */
export const WEB_DEMO_DIR = fileURLToPath(new URL('../examples/web/', import.meta.url));
const VITE_BIN = `${WEB_DEMO_DIR}node_modules/vite/bin/vite.js`;

/** A running dev server. */
export interface WebDemo {
  /** The page's URL, e.g. `http://127.0.0.1:5173/`. */
  readonly url: string;
  close(): Promise<void>;
}

/** Installs the demo's own dependencies (Vite, qrcode) unless they are there already. */
export function ensureWebDemoInstalled(): void {
  if (existsSync(VITE_BIN)) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: WEB_DEMO_DIR, stdio: 'inherit' });
  if (result.status !== 0 || !existsSync(VITE_BIN)) {
    throw new Error(`npm ci in ${WEB_DEMO_DIR} failed (status ${result.status})`);
  }
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** Options of {@link startWebDemo}. */
export interface WebDemoOptions {
  /** First port to try (Vite takes the next free one). Default 5173. */
  port?: number;
  /**
   * `dev` (default): the Vite dev server, which reloads the page when a source changes.
   * `built`: a production build served by `vite preview`: one bundle, fast to load, and a snapshot
   * that edits made meanwhile in the work tree cannot reload under a running test.
   */
  mode?: 'dev' | 'built';
  log?: (line: string) => void;
}

/** Builds the demo into `outDir` (a production bundle; fails if anything Node-only reached it). */
export function buildWebDemo(outDir: string): void {
  ensureWebDemoInstalled();
  const result = spawnSync(process.execPath, [VITE_BIN, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: WEB_DEMO_DIR,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`vite build failed (status ${result.status}):\n${result.stdout}${result.stderr}`);
}

/** Starts the demo against a simulator config; resolves once the server prints its URL. */
export function startWebDemo(config: unknown, options: WebDemoOptions = {}): Promise<WebDemo> {
  ensureWebDemoInstalled();
  const port = ['--port', String(options.port ?? 5173), '--host', '127.0.0.1'];
  let args = [VITE_BIN, ...port];
  let outDir: string | undefined;
  if (options.mode === 'built') {
    outDir = mkdtempSync(join(tmpdir(), 'tgauth-web-'));
    buildWebDemo(outDir);
    args = [VITE_BIN, 'preview', '--outDir', outDir, ...port];
  }
  const child: ChildProcess = spawn(
    process.execPath,
    args,
    {
      cwd: WEB_DEMO_DIR,
      env: { ...process.env, TGAUTH_SIM_CONFIG: JSON.stringify(config), BROWSER: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const removeBuild = () => outDir && rmSync(outDir, { recursive: true, force: true });
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }).finally(removeBuild);
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8').replace(ANSI, '');
      output += text;
      for (const line of text.split('\n')) if (line.trim()) options.log?.(line);
      const url = /Local:\s+(http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve({ url: url.endsWith('/') ? url : `${url}/`, close });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`vite exited (${code}) before serving:\n${output}`)));
  });
}
