/**
 * node:crypto's `startModPow`: 2048-bit modpows on worker threads, so the auth key exchange's
 * g^b and g_a^b run while the main thread (and, in one process, the simulator) does other work.
 *
 * Each job is a SharedArrayBuffer: an Int32 state word, the result length, the result bytes. The
 * worker claims a job (QUEUED -> RUNNING) before computing it; `result()` on the main thread either
 * takes the finished value, waits (Atomics.wait, at most the rest of one modpow) for a running
 * job, or claims a queued job back (QUEUED -> STOLEN) and computes it itself. So a long queue never
 * makes a caller wait longer than computing inline would, a job nobody asks for is skipped, and a
 * worker that dies only costs the inline computation. The workers are unref'd: they never keep a
 * process alive (except while a PBKDF2 job is out). Secrets (exponents, passwords) cross to the
 * worker by structured clone and are never logged.
 *
 * The same workers run 2FA's PBKDF2-HMAC-SHA512 in WebAssembly (sha512-wasm.ts) where that measured
 * faster than OpenSSL's: `pbkdf2()` answers undefined (the caller then uses OpenSSL) until a worker
 * has compiled and calibrated the module, while every calibrated worker is busy with one, or when a
 * worker fails. The module is built and sent `KDF_DELAY_MS` after the workers start (they start at
 * the first key exchange, well before anyone types a password), or at once on a PBKDF2 request.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PendingPow } from '../../crypto/index.js';
import { HEADER, JobState, MAX_RESULT, POW_WORKER_SOURCE } from './pow-worker-source.js';
import { pbkdf2Sha512Wasm } from './sha512-wasm.js';

const { QUEUED, RUNNING, DONE, STOLEN } = JobState;
/** A running job is one modpow (~2 ms); past this the worker is presumed stuck and the caller computes. */
const WAIT_LIMIT_MS = 1000;
/** How long after the workers start the PBKDF2 module is built and sent (off the first exchange's path). */
const KDF_DELAY_MS = 50;

/** Whether the workers run PBKDF2 in WebAssembly: where calibrated faster, always, or never. */
export type WasmPbkdf2Mode = 'auto' | 'always' | 'never';

/** What a worker's calibration found (milliseconds for 1,000 iterations). */
export interface KdfCalibration {
  readonly kdf: boolean;
  /** Whether the module derived OpenSSL's key for a test input (never used if not). */
  readonly correct?: boolean | undefined;
  readonly wasmMs?: number | undefined;
  readonly sslMs?: number | undefined;
}

interface KdfJob {
  readonly worker: Worker;
  readonly resolve: (key: Uint8Array | undefined) => void;
}

/** Jobs the worker's raw-RSA path computes exactly: an odd modulus of 512..4096 bits, 2 <= exp < mod. */
function accepts(base: bigint, exp: bigint, mod: bigint): boolean {
  return base >= 0n && exp >= 2n && exp < mod && (mod & 1n) === 1n && mod >= 1n << 511n && mod < 1n << 4096n;
}

/** A pool of `size` modpow workers, started on first use; `inline` computes what they cannot. */
export class PowWorkers {
  readonly #size: number;
  readonly #inline: (base: bigint, exp: bigint, mod: bigint) => bigint;
  readonly #kdfMode: WasmPbkdf2Mode;
  #workers: Worker[] | undefined;
  #next = 0;
  #broken = false;
  #kdfTimer: ReturnType<typeof setTimeout> | undefined;
  #kdfSent = false;
  readonly #kdfReady = new Set<Worker>();
  readonly #kdfJobs = new Map<number, KdfJob>();
  #kdfId = 0;
  #calibration: KdfCalibration | undefined;
  readonly #calibrated: ((c: KdfCalibration) => void)[] = [];

  /** `kdfModule` replaces sha512-wasm.ts's module (tests: a wrong one must never serve). */
  constructor(
    size: number,
    inline: (base: bigint, exp: bigint, mod: bigint) => bigint,
    kdf: WasmPbkdf2Mode = 'auto',
    private readonly kdfModule: () => Uint8Array = pbkdf2Sha512Wasm,
  ) {
    if (!Number.isInteger(size) || size < 0)
      throw new RangeError(`worker count ${size} is not a non-negative integer`);
    this.#size = size;
    this.#inline = inline;
    this.#kdfMode = kdf;
  }

  /** Starts base^exp mod mod on a worker when it can, else leaves it for `result()` to compute. */
  start(base: bigint, exp: bigint, mod: bigint): PendingPow {
    const inline = this.#inline;
    const worker = accepts(base, exp, mod) ? this.#pick() : undefined;
    if (!worker) {
      let value: bigint | undefined;
      return { result: () => (value ??= inline(base, exp, mod)), cancel: () => undefined };
    }
    const sab = new SharedArrayBuffer(HEADER + MAX_RESULT);
    const state = new Int32Array(sab, 0, 2);
    worker.postMessage({ sab, base, exp, mod });
    let value: bigint | undefined;
    return {
      result: () => {
        if (value !== undefined) return value;
        let s = Atomics.compareExchange(state, 0, QUEUED, STOLEN);
        if (s === RUNNING) {
          Atomics.wait(state, 0, RUNNING, WAIT_LIMIT_MS);
          s = Atomics.load(state, 0);
        }
        value = s === DONE ? readResult(sab, state[1]!) : inline(base, exp, mod);
        return value;
      },
      // A hint: a queued job is skipped; result() still answers (computing it here).
      cancel: () => void Atomics.compareExchange(state, 0, QUEUED, STOLEN),
    };
  }

  /**
   * PBKDF2-HMAC-SHA512 with a 64-byte key on a calibrated worker, or undefined when none is free
   * (not calibrated yet, slower here, busy, failed, or no workers): then the caller uses OpenSSL.
   */
  pbkdf2(password: Uint8Array, salt: Uint8Array, iterations: number): Promise<Uint8Array | undefined> {
    if (this.#kdfMode === 'never' || !this.#started()) return Promise.resolve(undefined);
    this.#sendKdfModule();
    const busy = new Set([...this.#kdfJobs.values()].map((job) => job.worker));
    const worker = [...this.#kdfReady].find((w) => !busy.has(w));
    if (!worker) return Promise.resolve(undefined);
    const id = ++this.#kdfId;
    worker.ref(); // the caller awaits the answer: keep the process up until it comes
    return new Promise((resolve) => {
      this.#kdfJobs.set(id, { worker, resolve });
      worker.postMessage({ id, password, salt, iterations }); // cloned: the worker zeroes its copy
    });
  }

  /** Resolves with the first worker's calibration (starting the workers and the module now if need be). */
  kdfCalibration(): Promise<KdfCalibration> {
    if (this.#kdfMode === 'never' || !this.#started()) return Promise.resolve({ kdf: false });
    if (this.#calibration) return Promise.resolve(this.#calibration);
    const answer = new Promise<KdfCalibration>((resolve) => this.#calibrated.push(resolve));
    this.#sendKdfModule();
    return answer;
  }

  /** Stops the workers; what they had not started is computed by whoever asks, later jobs inline. */
  async close(): Promise<void> {
    const workers = this.#workers ?? [];
    this.#broken = true;
    this.#workers = [];
    clearTimeout(this.#kdfTimer);
    for (const w of workers) this.#retireKdf(w);
    await Promise.all(workers.map((w) => w.terminate()));
  }

  #sendKdfModule(): void {
    clearTimeout(this.#kdfTimer);
    if (this.#kdfSent || this.#kdfMode === 'never' || !this.#workers) return;
    this.#kdfSent = true;
    const kdfModule = this.kdfModule();
    for (const w of this.#workers) w.postMessage({ kdfModule, force: this.#kdfMode === 'always' });
  }

  #onMessage(
    worker: Worker,
    message: {
      kdf?: boolean;
      correct?: boolean;
      wasmMs?: number;
      sslMs?: number;
      id?: number;
      key?: Uint8Array;
    },
  ): void {
    if (message.id !== undefined) {
      const job = this.#kdfJobs.get(message.id);
      if (!job) return;
      this.#kdfJobs.delete(message.id);
      if (![...this.#kdfJobs.values()].some((j) => j.worker === worker)) worker.unref();
      job.resolve(message.key instanceof Uint8Array && message.key.length === 64 ? message.key : undefined);
    } else if (message.kdf !== undefined) {
      if (message.kdf) this.#kdfReady.add(worker);
      this.#calibration ??= {
        kdf: message.kdf,
        correct: message.correct,
        wasmMs: message.wasmMs,
        sslMs: message.sslMs,
      };
      for (const resolve of this.#calibrated.splice(0)) resolve(this.#calibration);
    }
  }

  /** A worker that fails or is closed serves no PBKDF2 again; its open jobs fall back to OpenSSL. */
  #retireKdf(worker: Worker): void {
    this.#kdfReady.delete(worker);
    for (const [id, job] of this.#kdfJobs) {
      if (job.worker !== worker) continue;
      this.#kdfJobs.delete(id);
      job.resolve(undefined);
    }
    worker.unref();
    // The last worker gone before any calibrated: nobody will answer those waiting for one.
    if (this.#workers?.length === 0)
      for (const resolve of this.#calibrated.splice(0)) resolve({ kdf: false });
  }

  #pick(): Worker | undefined {
    if (!this.#started()) return undefined;
    return this.#workers![this.#next++ % this.#workers!.length];
  }

  /** Starts the workers on first use; false when there are none (size 0, closed, broken, unsupported). */
  #started(): boolean {
    if (this.#broken || this.#size === 0) return false;
    if (!this.#workers) {
      try {
        this.#workers = Array.from({ length: this.#size }, () => this.#spawn());
      } catch {
        this.#broken = true; // no worker_threads here (or a sandbox forbids them): compute inline
        return false;
      }
      if (this.#kdfMode !== 'never') {
        this.#kdfTimer = setTimeout(() => this.#sendKdfModule(), KDF_DELAY_MS);
        this.#kdfTimer.unref?.();
      }
    }
    return this.#workers.length > 0;
  }

  #spawn(): Worker {
    // execArgv: [] keeps a TypeScript loader of the host (tsx) out of the worker: its code is plain JS.
    const worker = new Worker(POW_WORKER_SOURCE, { eval: true, execArgv: [] });
    // Listen before unref(): adding a 'message' listener to a Worker refs it again.
    worker.on('message', (message) => this.#onMessage(worker, message));
    worker.unref();
    const retire = (): void => {
      // Its queued jobs stay QUEUED and are computed by whoever asks for them.
      this.#workers = this.#workers?.filter((w) => w !== worker);
      if (this.#workers?.length === 0) this.#broken = true;
      this.#retireKdf(worker);
    };
    worker.on('error', retire);
    worker.on('exit', retire);
    return worker;
  }
}

function readResult(sab: SharedArrayBuffer, length: number): bigint {
  const bytes = new Uint8Array(sab, HEADER, length);
  return BigInt('0x0' + Buffer.from(bytes).toString('hex'));
}

/** One worker per core beyond the main thread's, at least one and at most four. */
export function defaultPowWorkerCount(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}
