/**
 * The flows one worker holds in memory. A flow is live here only under its lease: the worker
 * takes the lease (or takes over an expired one, raising the fencing token), builds an engine on
 * the flow's stored session — a waiting login resumes from its pending-login record with the same
 * auth key, so the code already sent still works — applies queued commands in order, records each
 * new view, and gives the flow back (evicts it: no engine, no connection, no memory) once it waits
 * for the user. A QR login stays live while it waits for the scan. Every write carries the token;
 * a refused write means another worker took the flow, and this one drops it without a word to Telegram.
 */
import { decodeSession, type AuthEngine, type AuthView, type SessionStore } from '../../machines/index.js';
import type { RecoveredAnswer, SendRecorder } from '../../transport/index.js';
import { applyCommand } from './apply-command.js';
import { ServiceError } from './errors.js';
import type { CommandOutcome, VersionedView } from './flow-outcome.js';
import type { Sealer } from './sealer.js';
import { settleTakeover } from './settle-in-flight.js';
import { encodeInFlight, RECORDED_METHODS, type InFlightRecord } from './in-flight-record.js';
import { isSettled, viewWhere } from './view-wait.js';
import { serialLock } from './storage/sql-driver.js';
import type { FlowStorage } from './storage/flow-storage.js';

/** Where the host reports what it does (a pino logger fits); never given a secret. */
export interface HostLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface FlowHostOptions {
  storage: FlowStorage;
  sealer: Sealer;
  /**
   * Builds an engine on a flow's session store (api id, DCs, dial, clock come from the service);
   * `recorder` records its non-repeatable calls before they are sent (in-flight-record.ts).
   */
  createEngine(store: SessionStore, recorder?: SendRecorder): AuthEngine;
  /** Asks the server for a dead owner's recorded call's answer; without it a takeover only probes. */
  recoverAnswer?(record: InFlightRecord): Promise<RecoveredAnswer>;
  workerId: string;
  /** Lease length; a live flow renews it every third. Default 10 s. */
  leaseMs?: number;
  /** How long a flow waiting for the user stays in memory after its last command. Default 1 s. */
  idleMs?: number;
  /** How long a flow lives after its last change (then it is garbage-collected). Default 15 min. */
  flowTtlMs?: number;
  /** How long a command may take before the engine is considered stuck on it. Default 30 s. */
  commandTimeoutMs?: number;
  now(): number;
  log: HostLog;
  /** A FLOOD_WAIT for the flow's phone: shared with every worker. */
  onFloodWait?(flowId: string, seconds: number): void;
}

/**
 * Everything a worker keeps per flow, counted: each is 0 once its flows are evicted and no
 * request or stream is under way, so an evicted flow leaves nothing in the worker's heap (the
 * rest — limits, idempotency ids, views — is in the database).
 */
export interface HostStats {
  /** Flows live here; each holds its engine, a lease-renewal interval and at most one idle timer. */
  liveFlows: number;
  /** Per-flow locks, held only while a request, takeover or eviction of that flow runs. */
  flowLocks: number;
  /** Flows that an SSE stream open on this worker watches. */
  watchedFlows: number;
}

/** A flow held in this worker's memory. */
interface LiveFlow {
  readonly id: string;
  readonly token: number;
  readonly engine: AuthEngine;
  version: number;
  view: AuthView;
  /** The chain of this flow's writes, in order. */
  writes: Promise<void>;
  idle?: ReturnType<typeof setTimeout> | undefined;
  renew: ReturnType<typeof setInterval>;
  dropped: boolean;
  /** A call of the current command was recorded in the row (cleared before the command is done). */
  recorded: boolean;
}

/**
 * The idempotency id of a flow's delete, queued like a command so that the flow's owner (wherever
 * it runs) cancels the pending code before the row goes; clients' ids cannot contain '/'.
 */
export const DELETE_COMMAND_ID = 'service/delete';

/** Views that a worker must keep live while they wait (nothing else makes them progress). */
const KEPT_LIVE = new Set<AuthView['status']>(['waitQrConfirmation']);
/** Countdown fields tick every second; views differing only there are not new versions. */
const TICKING = new Set(['resendInSeconds', 'retryInSeconds', 'nextCheckInSeconds', 'resetAvailableInSeconds']);
const stable = (view: AuthView): string => JSON.stringify(view, (k, v: unknown) => (TICKING.has(k) ? undefined : v));

/** One worker's live flows. */
export class FlowHost {
  private readonly live = new Map<string, LiveFlow>();
  private readonly locks = new Map<string, { run: ReturnType<typeof serialLock>; waiting: number }>();
  private readonly listeners = new Map<string, Set<(v: VersionedView) => void>>();
  private readonly leaseMs: number;
  private readonly idleMs: number;
  private readonly flowTtlMs: number;
  private readonly commandTimeoutMs: number;

  constructor(private readonly o: FlowHostOptions) {
    this.leaseMs = o.leaseMs ?? 10_000;
    this.idleMs = o.idleMs ?? 1_000;
    this.flowTtlMs = o.flowTtlMs ?? 15 * 60_000;
    this.commandTimeoutMs = o.commandTimeoutMs ?? 30_000;
  }

  /** Ids of the flows live in this worker. */
  liveIds(): string[] {
    return [...this.live.keys()];
  }

  /** Counts of what this worker holds per flow (see {@link HostStats}). */
  stats(): HostStats {
    return { liveFlows: this.live.size, flowLocks: this.locks.size, watchedFlows: this.listeners.size };
  }

  /** Runs `task` alone for `flowId` in this worker (the lock is forgotten when nothing waits on it). */
  private exclusive<T>(flowId: string, task: () => Promise<T>): Promise<T> {
    let entry = this.locks.get(flowId);
    if (!entry) this.locks.set(flowId, (entry = { run: serialLock(), waiting: 0 }));
    const held = entry;
    held.waiting++;
    return held.run(task).finally(() => {
      if (--held.waiting === 0 && this.locks.get(flowId) === held) this.locks.delete(flowId);
    });
  }

  /** Calls `listener` with each new view this worker records for `flowId`. */
  watch(flowId: string, listener: (v: VersionedView) => void): () => void {
    let set = this.listeners.get(flowId);
    if (!set) this.listeners.set(flowId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(flowId);
    };
  }

  /**
   * Applies the flow's queued commands if this worker can hold it (it is live here, or its lease
   * is free or expired); returns false when another worker holds it.
   */
  drain(flowId: string): Promise<boolean> {
    return this.exclusive(flowId, async () => {
      const flow = await this.ensureLive(flowId);
      if (!flow) return false;
      for (;;) {
        const next = await this.o.storage.nextCommand(flowId);
        if (!next || flow.dropped) break;
        if (next.idemId === DELETE_COMMAND_ID) {
          await this.remove(flow);
          return true;
        }
        if (!(await this.o.storage.claimCommand(flowId, next.seq, flow.token))) {
          await this.drop(flow, 'fenced');
          return false;
        }
        const target = { engine: flow.engine, status: flow.view.status, version: () => flow.version };
        const outcome = await applyCommand(target, this.o.sealer, next.command, `${flowId}/command:${next.idemId}`, this.commandTimeoutMs);
        await flow.writes;
        // Dropped meanwhile (lease lost, or the worker is going down): the next owner settles it.
        if (flow.dropped) return false;
        // Its answer is stored now: a later takeover must not apply it again.
        if (flow.recorded && !(await this.o.storage.saveInFlight(flowId, flow.token, undefined).then(() => true, () => false))) {
          await this.drop(flow, 'fenced');
          return false;
        }
        flow.recorded = false;
        if (!(await this.o.storage.finishCommand(flowId, next.seq, flow.token, JSON.stringify(outcome)))) {
          await this.drop(flow, 'fenced');
          return false;
        }
      }
      this.scheduleIdle(flow);
      return true;
    });
  }

  /** Makes `flowId` live here (no-op when it is); undefined while another worker holds its lease. */
  private async ensureLive(flowId: string): Promise<LiveFlow | undefined> {
    const existing = this.live.get(flowId);
    if (existing && !existing.dropped) return existing;
    const { storage, sealer } = this.o;
    const token = await storage.acquireLease(flowId, this.o.workerId, this.o.now(), this.leaseMs);
    if (token === undefined) return undefined;
    const row = await storage.getFlow(flowId);
    if (!row) return undefined;
    const claimed = await storage.claimedCommands(flowId);
    let recovered = false;
    if (row.session && (claimed.length > 0 || this.busyView(flowId, row.view))) recovered = await this.settle(flowId, token, row.session, row.inFlight);
    const store: SessionStore = {
      load: async () => {
        const fresh = await storage.getFlow(flowId);
        return fresh?.session ? sealer.open(`${flowId}/session`, fresh.session) : undefined;
      },
      save: (bytes) => this.write(flow, () => storage.saveSession(flowId, token, sealer.seal(`${flowId}/session`, bytes))),
      clear: () => this.write(flow, () => storage.saveSession(flowId, token, undefined)),
    };
    // Record before send: the call goes out once its record is in the row, under our token (a
    // refused write means another worker has the flow: the call is never sent).
    const recorder: SendRecorder = {
      methods: RECORDED_METHODS,
      record: (r) => {
        flow.recorded = true;
        const sealed = sealer.seal(`${flowId}/inFlight`, encodeInFlight(r));
        return this.write(flow, () => storage.saveInFlight(flowId, token, sealed)).then(() => true, () => false);
      },
    };
    const engine = this.o.createEngine(store, recorder);
    const view = row.view ? (JSON.parse(new TextDecoder().decode(sealer.open(`${flowId}/view`, row.view))) as AuthView) : engine.getSnapshot();
    const flow: LiveFlow = {
      id: flowId,
      token,
      engine,
      version: row.version,
      view,
      writes: Promise.resolve(),
      renew: setInterval(() => void this.renew(flow).catch((error: unknown) => this.timerFailed(flowId, 'renew', error)), Math.max(50, Math.floor(this.leaseMs / 3))),
      dropped: false,
      recorded: false,
    };
    this.live.set(flowId, flow);
    this.o.log.info({ flowId, token, worker: this.o.workerId }, row.leaseToken + 1 === token && row.leaseOwner ? 'flow taken over' : 'flow live');
    engine.state$.subscribe({ next: (v) => this.record(flow, v), error: () => void this.drop(flow, 'engine error') });
    // The stored session is read once the engine starts; commands wait for the screen it resumes
    // (a resumed password screen first fetches its SRP parameters, and rejects input meanwhile).
    await viewWhere(flow.engine, isSettled, this.commandTimeoutMs);
    // A dead owner's claimed commands may have reached Telegram: never applied twice. One whose
    // call's answer the server gave back was applied (the view shows it); else it is uncertain.
    for (const c of claimed) {
      const outcome: CommandOutcome = recovered && claimed.length === 1 ? { status: 'applied', version: flow.version } : { status: 'uncertain' };
      await storage.finishCommand(flowId, c.seq, token, JSON.stringify(outcome));
      this.o.log.warn({ flowId, seq: c.seq, outcome: outcome.status }, 'command of a dead owner finished');
    }
    return flow;
  }

  /** Whether the stored view says a step was under way (its owner died before the next view). */
  private busyView(flowId: string, sealed: Uint8Array | undefined): boolean {
    if (!sealed) return false;
    const view = JSON.parse(new TextDecoder().decode(this.o.sealer.open(`${flowId}/view`, sealed))) as AuthView;
    return view.busy || KEPT_LIVE.has(view.status);
  }

  /**
   * The dead owner was in the middle of a step: asks the server for its recorded call's answer and
   * where the login stands before anything is re-run (settle-in-flight.ts `settleTakeover`); true
   * when the call's answer came back (its command was applied, once).
   */
  private settle(flowId: string, token: number, sealed: Uint8Array, sealedInFlight: Uint8Array | undefined): Promise<boolean> {
    return settleTakeover({ ...this.o, timeoutMs: this.commandTimeoutMs }, flowId, token, sealed, sealedInFlight);
  }

  /** Appends a write to the flow's chain; a fenced write drops the flow. */
  private write(flow: LiveFlow, op: () => Promise<void>): Promise<void> {
    const run = flow.writes.then(async () => {
      if (flow.dropped) throw new ServiceError('fenced', 'the flow left this worker');
      await op();
    });
    flow.writes = run.catch((error: unknown) => {
      if (error instanceof ServiceError && error.reason === 'fenced') void this.drop(flow, 'fenced');
    });
    return run;
  }

  /** A new view: the next version, written under the token and shown to this worker's streams. */
  private record(flow: LiveFlow, view: AuthView): void {
    if (view.status === 'initializing' || view.status === 'closed' || flow.dropped) return;
    if (stable(view) === stable(flow.view)) return;
    flow.version += 1;
    flow.view = view;
    const version = flow.version;
    const now = this.o.now();
    const sealed = this.o.sealer.seal(`${flow.id}/view`, new TextEncoder().encode(JSON.stringify(view)));
    if (view.error?.type.startsWith('FLOOD') && view.error.retryInSeconds) this.o.onFloodWait?.(flow.id, view.error.retryInSeconds);
    void this.write(flow, () => this.o.storage.saveView(flow.id, flow.token, version, sealed, now, KEPT_LIVE.has(view.status), now + this.flowTtlMs))
      .then(() => this.listeners.get(flow.id)?.forEach((l) => l({ version, view })))
      .catch(() => undefined);
  }

  /** A flow waiting for the user leaves memory after `idleMs`; a QR wait stays. */
  private scheduleIdle(flow: LiveFlow): void {
    if (flow.idle) clearTimeout(flow.idle);
    flow.idle = setTimeout(() => {
      this.exclusive(flow.id, async () => {
        if (flow.dropped || this.live.get(flow.id) !== flow) return;
        const view = flow.engine.getSnapshot();
        if (view.busy || KEPT_LIVE.has(view.status)) return this.scheduleIdle(flow);
        await this.evict(flow);
      }).catch((error: unknown) => this.timerFailed(flow.id, 'evict', error));
    }, this.idleMs);
  }

  /** Stops the engine keeping its wait screen in the session, then gives the lease back. */
  private async evict(flow: LiveFlow): Promise<void> {
    this.forget(flow);
    flow.engine.stop({ keepPendingLogin: true });
    await flow.writes;
    await this.o.storage.releaseLease(flow.id, flow.token);
    this.o.log.info({ flowId: flow.id }, 'flow evicted');
  }

  private forget(flow: LiveFlow): void {
    flow.dropped = true;
    clearInterval(flow.renew);
    if (flow.idle) clearTimeout(flow.idle);
    if (this.live.get(flow.id) === flow) this.live.delete(flow.id);
  }

  /**
   * A timer's work failed (the database went away, or this worker is shutting down): logged, never
   * an unhandled rejection that would end the process. The lease runs out and another worker takes the flow.
   */
  private timerFailed(flowId: string, what: string, error: unknown): void {
    this.o.log.warn({ flowId, err: (error as Error).message }, `${what} failed`);
  }

  /** Another worker took the flow (or it was deleted): stop touching it, without cancelling anything. */
  private async drop(flow: LiveFlow, why: string): Promise<void> {
    if (flow.dropped) return;
    this.forget(flow);
    // keepPendingLogin: no auth.cancelCode, no write; the new owner carries on with the same code.
    flow.engine.stop({ keepPendingLogin: true });
    this.o.log.warn({ flowId: flow.id, why }, 'flow dropped');
  }

  private async renew(flow: LiveFlow): Promise<void> {
    if (flow.dropped) return;
    const ok = await this.o.storage.renewLease(flow.id, flow.token, this.o.now(), this.leaseMs).catch(() => false);
    if (!ok) return this.drop(flow, 'lease lost');
    if (!(await this.o.storage.nextCommand(flow.id).catch(() => undefined))) return;
    await this.drain(flow.id);
  }

  /** A queued delete, applied by the owner: auth.cancelCode when a code is pending, then the row goes. */
  private async remove(flow: LiveFlow): Promise<void> {
    this.forget(flow);
    flow.engine.stop();
    await flow.writes;
    await this.o.storage.deleteFlow(flow.id);
    this.o.log.info({ flowId: flow.id }, 'flow deleted');
  }

  /** The flow's current view and version (live here, or from the database). */
  async current(flowId: string): Promise<VersionedView | undefined> {
    const flow = this.live.get(flowId);
    if (flow && !flow.dropped) {
      await flow.writes;
      return { version: flow.version, view: flow.view };
    }
    const row = await this.o.storage.getFlow(flowId);
    if (!row?.view) return undefined;
    const view = JSON.parse(new TextDecoder().decode(this.o.sealer.open(`${flowId}/view`, row.view))) as AuthView;
    // A busy view whose lease ran out: its owner died mid-request (a flow is only evicted idle).
    // Reading it starts a takeover here, so the reader's next look finds the flow moving again.
    if (view.busy && row.leaseExpiresAt < this.o.now()) void this.drain(flowId).catch(() => undefined);
    return { version: row.version, view };
  }

  /** The flow's session (opened), for the backend's session fetch; undefined before there is one. */
  async session(flowId: string): Promise<ReturnType<typeof decodeSession> | undefined> {
    const flow = this.live.get(flowId);
    if (flow) await flow.writes;
    const row = await this.o.storage.getFlow(flowId);
    return row?.session ? decodeSession(this.o.sealer.open(`${flowId}/session`, row.session)) : undefined;
  }

  /** Evicts every live flow (graceful shutdown): their wait screens stay resumable by any worker. */
  async close(): Promise<void> {
    await Promise.all([...this.live.values()].map((f) => this.exclusive(f.id, () => this.evict(f))));
  }

  /** Stops every engine at once without writing anything (a crash, as far as the database can tell). */
  abandon(): void {
    for (const flow of [...this.live.values()]) {
      this.forget(flow);
      flow.engine.stop({ keepPendingLogin: true });
    }
  }
}
