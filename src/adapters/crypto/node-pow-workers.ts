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
 * process alive. Secrets (exponents) cross to the worker by structured clone and are never logged.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PendingPow } from '../../crypto/index.js';

const QUEUED = 0;
const RUNNING = 1;
const DONE = 2;
const STOLEN = 3;
const FAILED = 4;
/** Header: state word and result length (two Int32s); then room for a 2048-bit result. */
const HEADER = 8;
const MAX_RESULT = 512;
/** A running job is one modpow (~2 ms); past this the worker is presumed stuck and the caller computes. */
const WAIT_LIMIT_MS = 1000;

/**
 * The worker: the same raw-RSA modpow as node-crypto.ts (an RSA "public key" n = m, e = exp, and
 * RSA without padding), for the jobs `accepts` lets through. Plain CommonJS, so it runs without a
 * TypeScript loader.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { constants, createPublicKey, publicEncrypt } = require('node:crypto');
const hex = (n) => { const h = n.toString(16); return h.length % 2 ? '0' + h : h; };
const b64 = (n) => Buffer.from(hex(n), 'hex').toString('base64url');
parentPort.on('message', ({ sab, base, exp, mod }) => {
  const state = new Int32Array(sab, 0, 2);
  if (Atomics.compareExchange(state, 0, ${QUEUED}, ${RUNNING}) !== ${QUEUED}) return;
  try {
    const len = hex(mod).length / 2;
    const key = createPublicKey({ key: { kty: 'RSA', n: b64(mod), e: b64(exp) }, format: 'jwk' });
    const out = publicEncrypt({ key, padding: constants.RSA_NO_PADDING }, Buffer.from(hex(base % mod).padStart(2 * len, '0'), 'hex'));
    new Uint8Array(sab, ${HEADER}, out.length).set(out);
    state[1] = out.length;
    Atomics.store(state, 0, ${DONE});
  } catch {
    Atomics.store(state, 0, ${FAILED});
  }
  Atomics.notify(state, 0);
});
`;

/** Jobs the worker's raw-RSA path computes exactly: an odd modulus of 512..4096 bits, 2 <= exp < mod. */
function accepts(base: bigint, exp: bigint, mod: bigint): boolean {
  return base >= 0n && exp >= 2n && exp < mod && (mod & 1n) === 1n && mod >= 1n << 511n && mod < 1n << 4096n;
}

/** A pool of `size` modpow workers, started on first use; `inline` computes what they cannot. */
export class PowWorkers {
  readonly #size: number;
  readonly #inline: (base: bigint, exp: bigint, mod: bigint) => bigint;
  #workers: Worker[] | undefined;
  #next = 0;
  #broken = false;

  constructor(size: number, inline: (base: bigint, exp: bigint, mod: bigint) => bigint) {
    if (!Number.isInteger(size) || size < 0) throw new RangeError(`worker count ${size} is not a non-negative integer`);
    this.#size = size;
    this.#inline = inline;
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

  /** Stops the workers; what they had not started is computed by whoever asks, later jobs inline. */
  async close(): Promise<void> {
    const workers = this.#workers ?? [];
    this.#broken = true;
    this.#workers = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }

  #pick(): Worker | undefined {
    if (this.#broken || this.#size === 0) return undefined;
    if (!this.#workers) {
      try {
        this.#workers = Array.from({ length: this.#size }, () => this.#spawn());
      } catch {
        this.#broken = true; // no worker_threads here (or a sandbox forbids them): compute inline
        return undefined;
      }
    }
    return this.#workers[this.#next++ % this.#workers.length];
  }

  #spawn(): Worker {
    // execArgv: [] keeps a TypeScript loader of the host (tsx) out of the worker: its code is plain JS.
    const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
    worker.unref();
    const retire = (): void => {
      // Its queued jobs stay QUEUED and are computed by whoever asks for them.
      this.#workers = this.#workers?.filter((w) => w !== worker);
      if (this.#workers?.length === 0) this.#broken = true;
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
