/**
 * Issue 23, "the first hour": the tarball `npm pack` makes (the `prepare` script builds it) is
 * installed with `npm install` into an empty folder, a small ESM app typechecks against it with
 * node16 and bundler resolution and logs in to `npx tgauth sim`, and `npx tgauth --version` /
 * `--help` work there. Offline-friendly: npm is told to prefer its cache and to run no install
 * scripts (better-sqlite3 is optional and unused here).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; engines: { node: string } };
const dir = mkdtempSync(join(tmpdir(), 'tgauth-packed-'));
const app = join(dir, 'app');
const npmFlags = ['--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'];
let files: string[] = [];
let sim: ChildProcess | undefined;

const APP = `import { readFileSync } from 'node:fs';
import { createAuthEngine, type AuthView } from 'tgauth';
import { nodeTcpDial, systemClock } from 'tgauth/adapters/node';
import { memoryStore } from 'tgauth/adapters/store';

// The JSON line \`npx tgauth sim\` printed; any api id and hash work on the simulator.
const simulatorConfig = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
const engine = createAuthEngine({
  apiId: 12345,
  apiHash: 'any',
  dcs: simulatorConfig,
  dial: nodeTcpDial(),
  clock: systemClock,
  store: memoryStore(),
});
engine.state$.subscribe((view: AuthView) => {
  if (view.busy) return;
  if (view.error) console.log('error:', view.error.code, view.error.message);
  if (view.status === 'waitPhoneNumber') engine.send({ type: 'phone.submit', phone: '+9996621234' });
  if (view.status === 'waitCode') engine.send({ type: 'code.submit', code: '22222' });
  if (view.status === 'ready') {
    console.log(\`logged in as \${view.user.firstName} \${view.user.lastName ?? ''}\`.trim());
    engine.stop();
    process.exit(0);
  }
});
`;

const tsconfig = (module: string, resolution: string, emit: boolean): string =>
  JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module,
      moduleResolution: resolution,
      strict: true,
      types: ['node'],
      // The app's code against tgauth's declarations; checking every dependency's own .d.ts costs a minute.
      skipLibCheck: true,
      ...(emit ? { outDir: 'out', rootDir: 'src' } : { noEmit: true }),
    },
    include: ['src'],
  });

beforeAll(async () => {
  // `npm pack` runs `prepare` (a clean build); --json lists what the tarball holds.
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, maxBuffer: 64 << 20 });
  const [packed] = JSON.parse(stdout.slice(stdout.indexOf('[\n'))) as { filename: string; files: { path: string }[] }[];
  files = packed!.files.map((f) => f.path);
  mkdirSync(join(app, 'src'), { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'first-hour-app', private: true, type: 'module' }));
  await run('npm', ['install', join(dir, packed!.filename), ...npmFlags], { cwd: app, maxBuffer: 64 << 20 });
  // The app's own typings for node (a real app would `npm install -D @types/node`).
  mkdirSync(join(app, 'node_modules/@types'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules/@types/node'), join(app, 'node_modules/@types/node'));
  writeFileSync(join(app, 'src/main.ts'), APP);
  writeFileSync(join(app, 'tsconfig.node16.json'), tsconfig('node16', 'node16', true));
  writeFileSync(join(app, 'tsconfig.bundler.json'), tsconfig('esnext', 'bundler', false));
}, 300_000);

afterAll(() => {
  if (sim?.pid !== undefined && sim.exitCode === null) process.kill(-sim.pid, 'SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('the packed tarball', { timeout: 120_000 }, () => {
  it('ships the build, the CLI and the LICENSE; no source maps pointing at unshipped sources', () => {
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'package.json', 'bin/tgauth.mjs', 'dist/index.js', 'dist/index.d.ts']));
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/'))).toEqual([]);
    expect(readFileSync(join(app, 'node_modules/tgauth/LICENSE'), 'utf8')).toMatch(/^MIT License[\s\S]*tgauth contributors/);
  });

  it('claims only Node versions where require(esm) works, and require() loads it there', async () => {
    expect(pkg.engines.node).toBe('>=20.19');
    writeFileSync(join(app, 'check.cjs'), "console.log(typeof require('tgauth').createAuthEngine);");
    const { stdout } = await run(process.execPath, ['check.cjs'], { cwd: app });
    expect(stdout.trim()).toBe('function');
  });

  it('npx tgauth --version and --help work in the installed app', async () => {
    const version = await run('npx', ['tgauth', '--version'], { cwd: app });
    expect(version.stdout).toBe(`${pkg.version}\n`);
    const help = await run('npx', ['tgauth', '--help'], { cwd: app });
    expect(help.stdout).toMatch(/^usage: tgauth <command>/);
  });

  it.each(['node16', 'bundler'])('a small ESM app typechecks with %s resolution', async (flavour) => {
    await run(process.execPath, [TSC, '-p', `tsconfig.${flavour}.json`], { cwd: app });
  });

  it('the app logs in to `npx tgauth sim` as the README says', async () => {
    // out/main.js was emitted by the node16 typecheck above.
    sim = spawn('npx', ['tgauth', 'sim'], { cwd: app, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      sim!.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
      });
      sim!.on('exit', (code) => reject(new Error(`tgauth sim exited ${code}`)));
    });
    writeFileSync(join(app, 'sim.json'), line);
    const { stdout } = await run(process.execPath, ['out/main.js', 'sim.json'], { cwd: app, timeout: 60_000 });
    expect(stdout.trim()).toBe('logged in as Demo User');
  });
});
