/**
 * `createLoginService`: one worker of the login service. Any number of workers may run on one
 * database (processes on one machine with SQLite, machines with PostgreSQL); each serves any
 * request, because a flow's state lives in the database and its one owner is decided there
 * (flow-host.ts). Commands are queued under the client's idempotency id and applied by the owner;
 * a worker that receives one for a flow another worker holds wakes it (NOTIFY) and waits for the
 * outcome, and takes the flow over itself when the owner's lease has run out.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AuthEngineOptions } from '../../machines/index.js';
import { createAuthEngine } from '../../machines/index.js';
import { commandToJson } from '../remote/index.js';
import { ServiceError } from './errors.js';
import { DELETE_COMMAND_ID, FlowHost, type HostLog, type HostStats } from './flow-host.js';
import { answerRecovery } from './in-flight-record.js';
import { buildHttpApi, type HttpLogOptions } from './http-api.js';
import type { CommandOutcome } from './flow-outcome.js';
import type { ServiceCore, ServiceLimits } from './service-core.js';
import { createSealer, SERVICE_KEY_ENV } from './sealer.js';
import { FlowStorage } from './storage/flow-storage.js';
import { openPgDriver } from './storage/pg-driver.js';
import { openSqliteDriver } from './storage/sqlite-driver.js';

export interface LoginServiceOptions {
  /** `postgres://…` for a fleet, else an SQLite file path (`sqlite:` prefix optional). Default `tgauth-service.sqlite`. */
  database?: string;
  /** The operator's API key (create flows, fetch and delete sessions). At least 16 characters. */
  apiKey: string;
  /** 64 hex digits sealing sessions, commands and views at rest; default `process.env.TGAUTH_SERVICE_KEY`. */
  sealingKey?: string;
  /** Allows running without a sealing key (all-zero key): local tries only. */
  dev?: boolean;
  /** What each flow's engine is built with (api id and hash, DCs, dial, clock, crypto). */
  engine: Omit<AuthEngineOptions, 'store'>;
  workerId?: string;
  leaseMs?: number;
  idleMs?: number;
  flowTtlMs?: number;
  /** How often a waiting request or stream looks at the database. Default 50 ms. */
  pollMs?: number;
  /** How often this worker looks for orphaned flows (a dead owner's QR wait or queue). Default 1 s. */
  sweepMs?: number;
  limits?: ServiceLimits;
  /** Origins whose web pages may call the API from the browser (CORS), or `['*']`. Default none. */
  corsOrigins?: readonly string[];
  log?: HttpLogOptions;
  /** Clock for leases and expiry (default Date.now). */
  now?: () => number;
}

/** A running worker. */
export interface LoginService {
  readonly http: FastifyInstance;
  readonly storage: FlowStorage;
  readonly workerId: string;
  /** Listens on `port` (0: any) at `host` (default 127.0.0.1); resolves to the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Graceful stop: live flows are evicted (resumable by any worker), then the database is closed. */
  close(): Promise<void>;
  /** Test hook for crash behaviour: stops engines and timers without writing anything. */
  crash(): Promise<void>;
  /** What this worker holds in memory per flow and per open SSE stream: all 0 when every flow is evicted and nothing is under way. */
  stats(): LoginServiceStats;
}

/** {@link LoginService.stats}: per-flow state in one worker's memory. */
export interface LoginServiceStats extends HostStats {
  /** SSE streams open on this worker. */
  openStreams: number;
}


const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const token = (bytes: number): string => randomBytes(bytes).toString('base64url');

async function openStorage(database: string): Promise<FlowStorage> {
  if (/^postgres(ql)?:\/\//.test(database)) return FlowStorage.open(await openPgDriver(database));
  return FlowStorage.open(await openSqliteDriver(database.replace(/^sqlite:/, '')));
}

/** Starts a worker on `options.database` (migrations applied first). */
export async function createLoginService(options: LoginServiceOptions): Promise<LoginService> {
  if (typeof options.apiKey !== 'string' || options.apiKey.length < 16) throw new ServiceError('config', 'apiKey must be at least 16 characters');
  const sealer = createSealer(options.sealingKey ?? process.env[SERVICE_KEY_ENV], { dev: options.dev === true });
  const storage = await openStorage(options.database ?? 'tgauth-service.sqlite');
  const now = options.now ?? Date.now;
  const workerId = options.workerId ?? `w-${token(6)}`;
  const pollMs = options.pollMs ?? 50;
  let log: HostLog = { info: () => undefined, warn: () => undefined };
  const recoverAnswer = answerRecovery(options.engine);
  const host = new FlowHost({
    storage,
    sealer,
    workerId,
    createEngine: (store, recorder) =>
      createAuthEngine({ ...options.engine, store, ...(recorder ? { transport: { ...options.engine.transport, recorder } } : {}) }),
    ...(recoverAnswer ? { recoverAnswer } : {}),
    now,
    log: { info: (f, m) => log.info(f, m), warn: (f, m) => log.warn(f, m) },
    onFloodWait: (flowId, seconds) =>
      void storage
        .getFlow(flowId)
        .then((row) => (row?.phoneDigest ? storage.setFloodUntil(`phone:${row.phoneDigest}`, now() + seconds * 1000) : undefined))
        .catch(() => undefined),
    ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
    ...(options.idleMs !== undefined ? { idleMs: options.idleMs } : {}),
    ...(options.flowTtlMs !== undefined ? { flowTtlMs: options.flowTtlMs } : {}),
  });

  const submit = async (flowId: string, idemId: string, command: Record<string, unknown>): Promise<CommandOutcome> => {
    const sealed = sealer.seal(`${flowId}/command:${idemId}`, new TextEncoder().encode(commandToJson(command)));
    let record = await storage.enqueueCommand(flowId, idemId, sealed, now());
    const deadline = now() + 60_000;
    await storage.notifyCommand(flowId);
    while (record.state !== 'done' && now() < deadline) {
      // Ours to apply when the flow is live here or nobody holds it; else its owner does (woken above or polling).
      await host.drain(flowId);
      const fresh = await storage.getCommand(flowId, idemId);
      if (!fresh) return { status: 'rejected', reason: 'the flow was deleted' };
      record = fresh;
      if (record.state !== 'done') await sleep(pollMs);
    }
    return record.state === 'done' && record.outcome ? (JSON.parse(record.outcome) as CommandOutcome) : { status: 'pending' };
  };

  /** Queues the delete for the flow's owner (this worker when nobody holds it) and waits for the row to go. */
  const deleteFlow = async (flowId: string): Promise<void> => {
    const sealed = sealer.seal(`${flowId}/command:${DELETE_COMMAND_ID}`, new TextEncoder().encode('{"type":"flow.delete"}'));
    await storage.enqueueCommand(flowId, DELETE_COMMAND_ID, sealed, now());
    await storage.notifyCommand(flowId);
    const deadline = now() + (options.leaseMs ?? 10_000) + 5_000;
    while (now() < deadline) {
      await host.drain(flowId);
      const row = await storage.getFlow(flowId);
      if (!row) return;
      // A dead owner's delete (finished uncertain) or one nobody applied in time: the row goes now,
      // and an owner that is still alive finds its next write fenced.
      if ((await storage.getCommand(flowId, DELETE_COMMAND_ID))?.state === 'done') break;
      await sleep(pollMs);
    }
    await storage.deleteFlow(flowId);
  };

  const core: ServiceCore = {
    storage,
    sealer,
    host,
    apiKey: options.apiKey,
    pollMs,
    dcs: options.engine.dcs ?? 'production',
    apiId: options.engine.apiId,
    corsOrigins: options.corsOrigins ?? [],
    streams: new Set(),
    now,
    limits: {
      flowsPerIpPerMinute: options.limits?.flowsPerIpPerMinute ?? 30,
      codesPerPhonePerHour: options.limits?.codesPerPhonePerHour ?? 5,
      bodyBytes: options.limits?.bodyBytes ?? 16 * 1024,
    },
    submit,
    deleteFlow,
    async createFlow(init) {
      const flowId = token(16); // 128 bits: unguessable, but only the capability token grants access
      const secret = token(32); // 256 bits
      const t = now();
      const placeholder = new TextEncoder().encode(JSON.stringify({ status: 'initializing', busy: true }));
      await storage.createFlow({
        id: flowId,
        tokenDigest: sealer.digest(`token:${secret}`),
        ...(init.phone ? { phoneDigest: sealer.digest(`phone:${init.phone}`) } : {}),
        now: t,
        expiresAt: t + (options.flowTtlMs ?? 15 * 60_000),
        view: sealer.seal(`${flowId}/view`, placeholder),
      });
      await host.drain(flowId);
      if (init.phone) await submit(flowId, 'create', { type: 'phone.submit', phone: init.phone });
      else if (init.qr) await submit(flowId, 'create', { type: 'qr.start' });
      const current = (await host.current(flowId))!;
      return { flowId, token: secret, ...current };
    },
  };

  const http = await buildHttpApi(core, options.log ?? {});
  log = { info: (f, m) => http.log.info(f, m), warn: (f, m) => http.log.warn(f, m) };

  // PostgreSQL: the owner is woken at once; SQLite owners notice queued commands when they renew.
  const unlisten = await storage.onCommand((flowId) => {
    if (host.liveIds().includes(flowId)) void host.drain(flowId).catch(() => undefined);
  });
  let sweeps = 0;
  const sweep = setInterval(() => {
    void (async () => {
      const t = now();
      for (const id of [...(await storage.orphanedLiveFlows(t)), ...(await storage.orphanedQueues(t))]) await host.drain(id);
      if (++sweeps % 60 === 0) await storage.collectExpired(t);
    })().catch((error: unknown) => log.warn({ err: (error as Error).message }, 'sweep failed'));
  }, options.sweepMs ?? 1_000);

  let stopped = false;
  const stop = async (graceful: boolean): Promise<void> => {
    if (stopped) return;
    stopped = true;
    clearInterval(sweep);
    if (graceful) await host.close();
    else {
      // As a kill -9 would: nothing more is written, and requests in progress are cut off.
      host.abandon();
      http.server.closeAllConnections();
    }
    await unlisten();
    for (const end of [...core.streams]) end();
    await http.close();
    await storage.close();
  };
  return {
    http,
    storage,
    workerId,
    listen: async (port = 0, hostName = '127.0.0.1') => {
      await http.listen({ port, host: hostName });
      const address = http.server.address() as { port: number };
      return `http://${hostName}:${address.port}`;
    },
    close: () => stop(true),
    crash: () => stop(false),
    stats: () => ({ ...host.stats(), openStreams: core.streams.size }),
  };
}

export type { ServiceLimits } from './service-core.js';
