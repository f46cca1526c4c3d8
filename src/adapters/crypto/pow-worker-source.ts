/**
 * The modpow worker's code (node-pow-workers.ts runs it with `eval: true`): plain CommonJS, so it
 * runs without the host's TypeScript loader. It serves three messages:
 *
 * - a modpow job `{ sab, base, exp, mod }`: claimed (QUEUED -> RUNNING) in the job's shared state
 *   word, computed as raw RSA (an RSA "public key" n = mod, e = exp, no padding), stored, notified;
 * - `{ kdfModule }`: sha512-wasm.ts's module. The worker compiles it, lets V8 optimise it (its
 *   baseline code is ~40x slower and a running call never switches, so it warms up in short calls),
 *   then times 1,000 iterations against OpenSSL's, checks that both derive the same key, and answers
 *   `{ kdf, correct, wasmMs, sslMs }`: the module serves PBKDF2 only where it derived OpenSSL's key
 *   and measured at least 5% faster (or at any speed, with `force`);
 * - a PBKDF2 job `{ id, password, salt, iterations }`: run by the driver in chunks, yielding between
 *   them so modpow jobs are not held up; answers `{ id, key }` (`key` undefined on any failure: the
 *   caller then uses OpenSSL). Jobs run one at a time: they share the module's memory.
 *
 * Secrets (exponents, passwords) arrive by structured clone and are never logged; the module's
 * memory and the worker's copy of a derived key are zeroed after use.
 */
import { N } from './sha512-wasm.js';
import { WASM_PBKDF2_DRIVER } from './wasm-pbkdf2-driver.js';

/** Shared state words of a modpow job (see node-pow-workers.ts). */
export const JobState = { QUEUED: 0, RUNNING: 1, DONE: 2, STOLEN: 3, FAILED: 4 } as const;
/** Header of a modpow job's buffer: state word and result length (two Int32s); then the result. */
export const HEADER = 8;
/** Room for the result: up to 4096 bits. */
export const MAX_RESULT = 512;
/** PBKDF2 iterations between yields (~1.7 ms on the bench host). */
const CHUNK = 4096;

const { QUEUED, RUNNING, DONE, FAILED } = JobState;

export const POW_WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { constants, createHash, createHmac, createPublicKey, pbkdf2Sync, publicEncrypt } = require('node:crypto');
const hex = (n) => { const h = n.toString(16); return h.length % 2 ? '0' + h : h; };
const b64 = (n) => Buffer.from(hex(n), 'hex').toString('base64url');

function modPow({ sab, base, exp, mod }) {
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
}

const derive = (${WASM_PBKDF2_DRIVER});
const hmac = (key, data) => createHmac('sha512', key).update(data).digest();
const hash = (data) => createHash('sha512').update(data).digest();
const later = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const turn = () => new Promise((resolve) => setImmediate(resolve));
let kdf;
let kdfJobs = Promise.resolve();

async function calibrate(bytes, force) {
  const { instance } = await WebAssembly.instantiate(bytes);
  const wasm = instance.exports;
  const view = new DataView(wasm.mem.buffer);
  const run = (n) => {
    view.setBigUint64(${N}, BigInt(n), true);
    const start = performance.now();
    wasm.iterate();
    return performance.now() - start;
  };
  const first = run(100);
  for (let i = 0, t = first; i < 50 && t > first / 4; i++) {
    await later(2);
    t = run(100);
  }
  let wasmMs = Infinity;
  let sslMs = Infinity;
  for (let i = 0; i < 3; i++) {
    await turn();
    wasmMs = Math.min(wasmMs, run(1000));
    await turn();
    const start = performance.now();
    pbkdf2Sync('calibration', 'salt', 1001, 64, 'sha512');
    sslMs = Math.min(sslMs, performance.now() - start);
  }
  new Uint8Array(wasm.mem.buffer).fill(0);
  // A key that differs from OpenSSL's would fail every 2FA check as a wrong password: compare first.
  const probe = Buffer.from('calibration');
  const steps = derive(wasm, hmac, hash, probe, probe, 1001, ${CHUNK});
  let step;
  while (!(step = steps.next()).done);
  const correct = Buffer.from(step.value).equals(pbkdf2Sync(probe, probe, 1001, 64, 'sha512'));
  if (correct && (force || wasmMs < 0.95 * sslMs)) kdf = wasm;
  parentPort.postMessage({ kdf: kdf !== undefined, correct, wasmMs, sslMs });
}

async function pbkdf2({ id, password, salt, iterations }) {
  let key;
  try {
    const steps = derive(kdf, hmac, hash, password, salt, iterations, ${CHUNK});
    let step;
    while (!(step = steps.next()).done) await turn();
    key = step.value;
  } catch {
    key = undefined;
  }
  parentPort.postMessage({ id, key });
  key?.fill(0);
  password.fill(0);
}

parentPort.on('message', (job) => {
  if (job.kdfModule) calibrate(job.kdfModule, job.force).catch(() => parentPort.postMessage({ kdf: false }));
  else if (job.password) kdfJobs = kdfJobs.then(() => pbkdf2(job));
  else modPow(job);
});
`;
