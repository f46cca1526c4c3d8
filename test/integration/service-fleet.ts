/**
 * A fleet of `tgauth serve` worker processes on one database, a simulator in the test process, and
 * a client that drives logins through random workers while a chaos loop kill -9s them. Used by
 * service-fleet.test.ts (PostgreSQL, 3 workers; SQLite, 2 processes on one file).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { readServerSentEvents } from '../../src/adapters/remote/index.js';

export const FLEET_KEY = 'operator-key-fleet-test-000';
const ROOT = resolve(import.meta.dirname, '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

/** One worker process slot: a fixed port, restarted in place. */
export class WorkerSlot {
  child: ChildProcess | undefined;
  alive = false;
  starts = 0;
  readonly url: string;
  constructor(
    readonly name: string,
    readonly port: number,
    private readonly args: string[],
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Spawns the worker and resolves once it printed its JSON line. */
  start(): Promise<void> {
    this.starts++;
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/adapters/cli/main.ts'), 'serve', '--http-port', String(this.port), '--worker-id', `${this.name}-${this.starts}`, ...this.args], {
      cwd: ROOT,
      env: { ...process.env, TGAUTH_API_KEY: FLEET_KEY, TGAUTH_SERVICE_KEY: '5a'.repeat(32), TGAUTH_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stderr!.on('data', (d: Buffer) => {
      this.logs.push(d.toString());
      // What a takeover did with a dead owner's command (one log line each, at warn level).
      for (const line of d.toString().split('\n')) {
        if (line.includes('command of a dead owner finished')) this.takeovers.push(line);
        if (line.includes('in-flight call asked for its answer')) this.recoveries.push(line);
      }
    });
    child.on('exit', () => {
      if (this.child === child) this.alive = false;
    });
    return new Promise((done, fail) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) {
          this.alive = true;
          done();
        }
      });
      child.once('exit', (code) => fail(new TypeError(`${this.name} exited (${code}) before it listened: ${this.logs.join('')}`)));
    });
  }

  readonly logs: string[] = [];
  /** Log lines of commands this worker finished for a dead owner (`"outcome":"applied"` when their call's answer was recovered). */
  readonly takeovers: string[] = [];
  /** Log lines of a takeover asking the server for a dead owner's recorded call's answer (`answer`, `why`, `ms`). */
  readonly recoveries: string[] = [];

  kill9(): void {
    this.alive = false;
    this.child?.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGKILL');
    });
  }
}

/** Starts `count` workers on `database` with the simulator's DCs from `simConfig` (short leases: kills are the point). */
export async function startFleet(count: number, database: string, simConfig: object, dir: string, leaseMs = 1500): Promise<WorkerSlot[]> {
  const file = join(dir, 'sim.json');
  writeFileSync(file, JSON.stringify(simConfig));
  const slots: WorkerSlot[] = [];
  for (let i = 0; i < count; i++) {
    slots.push(new WorkerSlot(`w${i}`, await freePort(), ['--database', database, '--sim-config', file, '--lease-ms', String(leaseMs), '--flows-per-ip', '100000', '--codes-per-phone', '100']));
  }
  await Promise.all(slots.map((s) => s.start()));
  return slots;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface FlowClientStats {
  uncertain: number;
  retries: number;
}

/** HTTP to a random live worker, retried (same body, so the same idempotency id) until a definite answer. */
export async function callFleet(slots: WorkerSlot[], method: string, path: string, auth: string, body: unknown, stats: FlowClientStats): Promise<{ status: number; json: Record<string, unknown> }> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const live = slots.filter((s) => s.alive);
    const slot = pick(live.length > 0 ? live : slots);
    try {
      const r = await fetch(slot.url + path, {
        method,
        headers: { authorization: `Bearer ${auth}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(20_000),
      });
      const json = (await r.json().catch(() => ({}))) as Record<string, unknown>;
      if (r.status >= 500 || r.status === 202) throw new TypeError(`HTTP ${r.status}`);
      return { status: r.status, json };
    } catch {
      stats.retries++;
      await sleep(100);
    }
  }
  throw new TypeError(`no worker answered ${method} ${path}`);
}

/** Follows a flow's SSE on random workers, reconnecting with Last-Event-ID; records every version seen. */
export function followFlow(slots: WorkerSlot[], flowId: string, token: string): { versions: number[]; stop(): void } {
  const versions: number[] = [];
  const abort = new AbortController();
  void (async () => {
    while (!abort.signal.aborted) {
      try {
        const live = slots.filter((s) => s.alive);
        const r = await fetch(`${pick(live.length > 0 ? live : slots).url}/v1/flows/${flowId}/events`, {
          headers: { authorization: `Bearer ${token}`, ...(versions.length > 0 ? { 'last-event-id': String(versions.at(-1)) } : {}) },
          signal: abort.signal,
        });
        if (r.status === 404) return;
        for await (const e of readServerSentEvents(r.body!)) if (e.id !== undefined) versions.push(Number(e.id));
      } catch {
        // a killed worker: reconnect elsewhere
      }
      await sleep(100);
    }
  })();
  return { versions, stop: () => abort.abort() };
}
