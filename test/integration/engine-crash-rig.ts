/**
 * The engine crash rig (issue 21 "Must show"): logins against the simulator running in this process
 * (TCP on loopback), each driven through a child engine process (engine-crash-child.ts) that is
 * SIGKILLed at seeded moments spread over the whole login — while it starts or resumes, around
 * auth.sendCode, the code screen, auth.signIn, the password screen and auth.checkPassword — and
 * restarted on the same store until the login is done. After every kill the store must open and
 * parse; a resumed screen must be one the server still accepts (any error view counts); no code may
 * be sent again once the code screen was shown; every login must end in ready.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { nodeCrypto } from '../../src/adapters/crypto/index.js';
import { listenTcp, systemClock, type Listener } from '../../src/adapters/node/index.js';
import { fileStore, sqliteStore } from '../../src/adapters/store/index.js';
import { decodeSession, type AuthView } from '../../src/machines/index.js';
import { createSimulator, type Simulator } from '../../src/simulator/index.js';
import { fixedRandom } from '../helpers/fixed-random.js';

export type StoreKind = 'file' | 'sqlite';

/** Where a login is, as the parent has seen it: kills are armed for the step at hand or later. */
const enum Step {
  phone = 0,
  code = 1,
  password = 2,
  ready = 3,
}

/** One kill moment. `any`: at whatever step the login is. */
interface Trigger {
  step: Step | 'any';
  /** spawn: `delayMs` after the child started; command: after the parent sent `name`; view: after the child showed `name`;
   *  call: when the server receives method `name`; answer: when the server has run it (its answer not yet sent). */
  on: 'spawn' | 'command' | 'view' | 'call' | 'answer';
  name?: string;
  delayMs: number;
}

/** What a run found. Every count but `kills`, `logins` and the times must be 0. */
export interface CrashReport {
  kind: StoreKind;
  logins: number;
  kills: number;
  /** Kills per moment, e.g. `answer auth.signIn`. */
  killsBy: Record<string, number>;
  /** Stores that did not open or parse after a kill. */
  corruptStores: number;
  /** Error views: a resumed screen the server no longer accepted (or any other failure), with what was seen. */
  errorViews: string[];
  /** auth.sendCode run after the login's code screen had been shown. */
  secondCodes: number;
  /** An idle phone-number screen after the code screen had been shown. */
  wrongResumes: number;
  /** auth.sendCode runs per login in all (one, plus one per kill before the code screen was shown). */
  sendCodes: number;
  /** The first screen (or ready) of each child started after a kill. */
  resumedOn: Record<string, number>;
  /** Child starts, and the mean ms from spawn to its first view. */
  spawns: number;
  /** Mean ms of a child's start: node and the bundle loaded (its own measure, overlapped with the run before), and from start to its first view. */
  meanLoadMs: number;
  meanStartToViewMs: number;
  ms: number;
}

/** mulberry32: a small seeded generator, so a run's kill moments can be replayed from its seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The kill moments of one login, in the order of its steps (a random pick of each step's menu). */
function triggersFor(rand: () => number, twoFactor: boolean): Trigger[] {
  const ms = (max: number) => Math.floor(rand() * max);
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)]!;
  const anytime = (): Trigger =>
    pick<() => Trigger>([
      () => ({ step: 'any', on: 'spawn', delayMs: ms(250) }),
      () => ({ step: 'any', on: 'call', name: 'users.getUsers', delayMs: 0 }),
      () => ({ step: 'any', on: 'answer', name: 'auth.bindTempAuthKey', delayMs: 0 }),
    ])();
  const menus: [Step, () => Trigger][] = [
    [Step.phone, () => ({ step: Step.phone, on: 'command', name: 'phone.submit', delayMs: ms(30) })],
    [Step.phone, () => ({ step: Step.phone, on: pick(['call', 'answer'] as const), name: 'auth.sendCode', delayMs: 0 })],
    [Step.phone, () => ({ step: Step.phone, on: 'view', name: 'waitCode', delayMs: ms(3) })],
    [Step.code, () => ({ step: Step.code, on: 'command', name: 'code.submit', delayMs: ms(30) })],
    [Step.code, () => ({ step: Step.code, on: pick(['call', 'answer'] as const), name: 'auth.signIn', delayMs: 0 })],
  ];
  if (twoFactor) {
    menus.push(
      [Step.code, () => ({ step: Step.code, on: 'view', name: 'waitPassword', delayMs: ms(3) })],
      [Step.password, () => ({ step: Step.password, on: pick(['call', 'answer'] as const), name: 'account.getPassword', delayMs: 0 })],
      [Step.password, () => ({ step: Step.password, on: 'command', name: 'password.submit', delayMs: ms(150) })],
      [Step.password, () => ({ step: Step.password, on: pick(['call', 'answer'] as const), name: 'auth.checkPassword', delayMs: 0 })],
    );
  }
  const out: Trigger[] = [];
  for (const step of [Step.phone, Step.code, Step.password]) {
    const menu = menus.filter(([s]) => s === step).map(([, make]) => make);
    if (menu.length === 0) continue;
    for (let n = 1 + Math.floor(rand() * 4); n > 0; n--) out.push(rand() < 0.25 ? anytime() : pick(menu)());
  }
  return out;
}

const labelOf = (t: Trigger): string => (t.name ? `${t.on} ${t.name}` : t.on);

/** Bundles the child once (a plain `node` start per kill, not a TypeScript loader start). */
export async function buildCrashChild(): Promise<string> {
  const dir = fileURLToPath(new URL('../../node_modules/.cache/tgauth-engine-crash/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  // Under node_modules: the child's dynamic import of better-sqlite3 resolves, and lint and git never see it.
  const outfile = join(dir, 'child.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('engine-crash-child.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    external: ['better-sqlite3'],
    minify: true, // less to parse on each of the many starts
  });
  return outfile;
}

/**
 * A child engine process, started ahead of need (loaded, waiting for `start`), so that its load
 * overlaps the run before it; then its views as they arrive, and its exit.
 */
class Child {
  readonly process: ChildProcess;
  readonly views: AuthView[] = [];
  readonly exited: Promise<void>;
  private startedAt = 0;
  /** From `start` to its first view. */
  firstViewMs: number | undefined;
  /** From the child's process start to its code loaded (as it measured). */
  loadedMs = 0;
  onView: (view: AuthView) => void = () => undefined;

  constructor(script: string) {
    this.process = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'inherit'] });
    let buffered = '';
    this.process.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const message = JSON.parse(line) as { view?: AuthView; failed?: string; loadedMs?: number };
        if (message.failed) throw new TypeError(`child engine failed: ${message.failed}`);
        if (message.loadedMs !== undefined) this.loadedMs = message.loadedMs;
        if (!message.view) continue;
        this.firstViewMs ??= performance.now() - this.startedAt;
        this.views.push(message.view);
        this.onView(message.view);
      }
    });
    // Every line written before a kill is read before `exited` resolves.
    const stdoutClosed = new Promise<void>((resolve) => this.process.stdout!.once('close', () => resolve()));
    const exit = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    this.exited = Promise.all([stdoutClosed, exit]).then(() => undefined);
  }

  /** Opens the store and starts the engine. */
  start(kind: StoreKind, path: string, configPath: string): void {
    this.startedAt = performance.now();
    this.process.stdin!.write(`${JSON.stringify({ kind, path, configPath })}\n`);
  }

  send(command: object | 'quit'): void {
    this.process.stdin!.write(`${command === 'quit' ? 'quit' : JSON.stringify(command)}\n`);
  }

  kill(): void {
    this.process.kill('SIGKILL');
  }

  /** A child never started: it exits on end of input. */
  dismiss(): Promise<void> {
    this.process.stdin!.end();
    return this.exited;
  }
}

/** The simulator this run logs in against, on loopback TCP. */
async function startSimulator(seed: number): Promise<{ sim: Simulator; listeners: Listener[] }> {
  const sim = createSimulator({
    clock: systemClock,
    random: fixedRandom(`crash-sim-${seed}`),
    crypto: nodeCrypto,
    dcCount: 2,
    // Kills before the code screen are allowed to ask for a code again: no flood limit in the way.
    settings: { sendCodeLimit: 1_000 },
  });
  const listeners: Listener[] = [];
  const addresses = [];
  for (let id = 1; id <= sim.dcCount; id++) {
    const l = await listenTcp({ host: '127.0.0.1' }, (stream) => sim.acceptStream(id, stream));
    listeners.push(l);
    addresses.push({ id, host: l.host, tcpPort: l.port });
  }
  sim.setAddresses(addresses);
  return { sim, listeners };
}

/** Opens the store the way the next child will, and parses the session it holds. */
async function storeParses(kind: StoreKind, path: string): Promise<boolean> {
  const store = kind === 'sqlite' ? sqliteStore(path) : fileStore(path);
  try {
    const bytes = await store.load();
    if (bytes !== undefined) decodeSession(bytes);
    return true;
  } catch {
    return false;
  } finally {
    await store.close().catch(() => undefined);
  }
}

/** Runs logins over `kind` stores, killing their engines at seeded moments, until `kills` kills are done (and that login ends). */
export async function runCrashLogins(options: {
  script: string;
  kind: StoreKind;
  kills: number;
  seed: number;
  /** Per login, real time before it counts as stuck. */
  loginTimeoutMs?: number;
}): Promise<CrashReport> {
  const { script, kind, seed } = options;
  const started = performance.now();
  const rand = seeded(seed);
  const { sim, listeners } = await startSimulator(seed);
  const dir = mkdtempSync(join(tmpdir(), `tgauth-engine-crash-${kind}-`));
  const configPath = join(dir, 'sim.json');
  writeFileSync(configPath, JSON.stringify(sim.config()));
  const report: CrashReport = {
    kind,
    logins: 0,
    kills: 0,
    killsBy: {},
    corruptStores: 0,
    errorViews: [],
    secondCodes: 0,
    wrongResumes: 0,
    sendCodes: 0,
    resumedOn: {},
    spawns: 0,
    meanLoadMs: 0,
    meanStartToViewMs: 0,
    ms: 0,
  };
  let startToView = 0;
  let loading = 0;
  // What the server is doing, for the armed trigger of the one child running at a time.
  let onServer: (on: 'call' | 'answer', method: string) => void = () => undefined;
  const offCall = sim.onCall(({ method }) => onServer('call', method));
  let seenSeq = sim.state.rpcLog.lastSeq;
  const onAnswer = (topic: string): void => {
    if (topic !== 'rpc') return;
    for (const entry of sim.state.rpcLog.since(seenSeq)) {
      seenSeq = entry.seq;
      onServer('answer', entry.method);
    }
  };
  sim.state.watchers.add(onAnswer);
  let warm = new Child(script);
  try {
    for (let n = 0; report.kills < options.kills; n++) {
      report.logins++;
      const twoFactor = rand() < 0.5;
      const dcId = rand() < 0.25 ? 2 : 1;
      const a = sim.accounts.create({ phone: `1556${String(seed % 1000).padStart(3, '0')}${String(n).padStart(4, '0')}`, dcId, firstName: 'Crash' });
      const password = `pw-${n}`;
      if (twoFactor) await sim.setPassword(a.id, password);
      const path = join(dir, `login-${n}.${kind === 'file' ? 'json' : 'db'}`);
      const triggers = triggersFor(rand, twoFactor);
      let step = Step.phone as Step;
      let codeShown = false;
      let killedBefore = false;
      const deadline = performance.now() + (options.loginTimeoutMs ?? 30_000);
      while (step !== Step.ready) {
        if (performance.now() > deadline) throw new TypeError(`login ${n} (${kind}) is stuck at step ${step}`);
        while (triggers.length > 0 && triggers[0]!.step !== 'any' && triggers[0]!.step < step) triggers.shift();
        const trigger = triggers.shift();
        const resumed = killedBefore;
        let firstScreen = true;
        const child = warm;
        warm = new Child(script);
        child.start(kind, path, configPath);
        report.spawns++;
        let killed = false;
        let resolveDone!: () => void;
        const done = new Promise<void>((resolve) => (resolveDone = resolve));
        const kill = (): void => {
          if (killed || step === Step.ready) return;
          killed = true;
          killedBefore = true;
          child.kill();
          report.kills++;
          const label = labelOf(trigger!);
          report.killsBy[label] = (report.killsBy[label] ?? 0) + 1;
        };
        const timers: ReturnType<typeof setTimeout>[] = [];
        const fire = (delayMs: number): void => {
          if (delayMs === 0) kill();
          else timers.push(setTimeout(kill, delayMs));
        };
        const fires = (t: Trigger | undefined, on: Trigger['on'], name?: string): boolean =>
          t !== undefined && !killed && t.on === on && t.name === name && (t.step === 'any' || t.step <= step);
        onServer = (on, method) => {
          if (method === 'auth.sendCode' && on === 'call') {
            report.sendCodes++;
            if (codeShown) report.secondCodes++;
          }
          if (fires(trigger, on, method)) fire(trigger!.delayMs);
        };
        const command = (c: { type: string } & Record<string, unknown>): void => {
          child.send(c);
          if (fires(trigger, 'command', c.type)) fire(trigger!.delayMs);
        };
        child.onView = (view) => {
          if (view.error) report.errorViews.push(`login ${n}: ${view.status} ${view.error.type}`);
          if (view.status === 'waitCode') codeShown = true;
          if (view.status === 'waitPhoneNumber' && !view.busy && codeShown) report.wrongResumes++;
          if (view.busy || killed) return;
          if (resumed && firstScreen && view.status !== 'initializing') {
            firstScreen = false;
            report.resumedOn[view.status] = (report.resumedOn[view.status] ?? 0) + 1;
          }
          if (view.status === 'waitCode' || view.status === 'waitPassword') {
            step = Math.max(step, view.status === 'waitCode' ? Step.code : Step.password);
            if (fires(trigger, 'view', view.status)) return fire(trigger!.delayMs);
          }
          if (view.status === 'waitPhoneNumber') command({ type: 'phone.submit', phone: a.phone });
          else if (view.status === 'waitCode') command({ type: 'code.submit', code: lastCode(sim, a.phone) });
          else if (view.status === 'waitPassword') command({ type: 'password.submit', password });
          else if (view.status === 'ready') {
            if (view.user.id !== String(a.id)) report.errorViews.push(`login ${n}: ready as ${view.user.id}`);
            step = Step.ready;
            child.send('quit');
            resolveDone();
          }
        };
        if (trigger?.on === 'spawn') fire(trigger.delayMs);
        void child.exited.then(resolveDone);
        const watchdog = setTimeout(() => {
          report.errorViews.push(`login ${n}: stuck at ${JSON.stringify(child.views.at(-1))}`);
          child.kill();
        }, 20_000);
        await done;
        clearTimeout(watchdog);
        for (const t of timers) clearTimeout(t);
        await child.exited;
        startToView += child.firstViewMs ?? 0;
        loading += child.loadedMs;
        if (killed && !(await storeParses(kind, path))) report.corruptStores++;
        if (!killed && (step as Step) !== Step.ready) throw new TypeError(`login ${n} (${kind}): the child exited on its own`);
      }
    }
  } finally {
    await warm.dismiss();
    offCall();
    sim.state.watchers.delete(onAnswer);
    sim.close();
    await Promise.all(listeners.map((l) => l.close()));
    rmSync(dir, { recursive: true, force: true });
  }
  report.meanStartToViewMs = Math.round(startToView / Math.max(1, report.spawns));
  report.meanLoadMs = Math.round(loading / Math.max(1, report.spawns));
  report.ms = Math.round(performance.now() - started);
  return report;
}

/** The newest code the simulator delivered to `phone`. */
function lastCode(sim: Simulator, phone: string): string {
  const box = sim.inbox(phone);
  for (let i = box.length - 1; i >= 0; i--) if (box[i]!.code) return box[i]!.code!;
  throw new TypeError(`no code for ${phone}`);
}
