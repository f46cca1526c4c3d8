import { spawnSync } from 'node:child_process';
import { pbkdf2Sync } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeCrypto } from '../../../src/adapters/crypto/index.js';
import { PowWorkers, type WasmPbkdf2Mode } from '../../../src/adapters/crypto/node-pow-workers.js';
import { Code, wasmModule } from '../../../src/adapters/crypto/wasm-emit.js';
import { bytesToBigint, modPow, TELEGRAM_DH_PRIME } from '../../../src/crypto/index.js';
import { fixedRandom } from '../../helpers/fixed-random.js';

const p = TELEGRAM_DH_PRIME;
const random = fixedRandom('pow-workers');
const below = (m: bigint) => bytesToBigint(random.bytes(256)) % m;

describe('PowWorkers (node:crypto startModPow)', () => {
  const pools: PowWorkers[] = [];
  const pool = (size: number, inline = modPow, kdf: WasmPbkdf2Mode = 'always'): PowWorkers => {
    const w = new PowWorkers(size, inline, kdf);
    pools.push(w);
    return w;
  };
  afterAll(async () => {
    for (const w of pools) await w.close();
  });

  it('computes 2048-bit powers on its workers, equal to the bigint modPow', async () => {
    const inlineCalls: bigint[] = [];
    const workers = pool(2, (b, e, m) => {
      inlineCalls.push(e);
      return modPow(b, e, m);
    });
    const jobs = Array.from({ length: 12 }, () => ({ base: below(p), exp: below(p - 1n) }));
    const pending = jobs.map((j) => workers.start(j.base, j.exp, p));
    expect(pending[0]!.result()).toBe(modPow(jobs[0]!.base, jobs[0]!.exp, p)); // asked at once: stolen, waited for or done
    // Time for the workers to start (they spawn on first use) and take the rest (~2 ms each).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    pending.forEach((job, i) => expect(job.result()).toBe(modPow(jobs[i]!.base, jobs[i]!.exp, p)));
    expect(inlineCalls.length).toBeLessThan(jobs.length - 1); // the workers did some of them
    const again = pending[3]!.result();
    expect(again).toBe(modPow(jobs[3]!.base, jobs[3]!.exp, p)); // memoized
  });

  it('leaves to the caller what raw RSA cannot do: exp >= mod, an even or small modulus, exp < 2', () => {
    const inlineCalls: string[] = [];
    const workers = pool(1, (b, e, m) => {
      inlineCalls.push(
        `${e < 2n ? 'small-exp' : m % 2n === 0n ? 'even' : m < 1n << 511n ? 'small' : 'big-exp'}`,
      );
      return modPow(b, e, m);
    });
    const cases: [bigint, bigint, bigint][] = [
      [below(p), p + 5n, p],
      [below(p), below(p), p + 1n],
      [12345n, 65537n, 1000003n],
      [below(p), 1n, p],
    ];
    for (const [b, e, m] of cases) expect(workers.start(b, e, m).result()).toBe(modPow(b, e, m));
    expect(inlineCalls).toEqual(['big-exp', 'even', 'small', 'small-exp']);
  });

  it('a cancelled job still answers if asked, and a closed pool computes everything inline', async () => {
    const workers = pool(1);
    const base = below(p);
    const exp = below(p - 1n);
    const job = workers.start(base, exp, p);
    job.cancel();
    expect(job.result()).toBe(modPow(base, exp, p));
    await workers.close();
    let inline = 0;
    const closed = pool(1, (b, e, m) => (inline++, modPow(b, e, m)));
    await closed.close();
    expect(closed.start(base, exp, p).result()).toBe(modPow(base, exp, p));
    expect(inline).toBe(1);
  });

  it('with no workers every power is computed by the caller, when asked', () => {
    let inline = 0;
    const workers = pool(0, (b, e, m) => (inline++, modPow(b, e, m)));
    const job = workers.start(3n, below(p - 1n), p);
    expect(inline).toBe(0);
    job.result();
    expect(inline).toBe(1);
    expect(() => new PowWorkers(-1, modPow)).toThrow(RangeError);
  });

  it('createNodeCrypto({ powWorkers: 0 }) and the default agree with modPow', () => {
    const exp = below(p - 1n);
    for (const crypto of [createNodeCrypto({ powWorkers: 0 }), createNodeCrypto({ powWorkers: 1 })]) {
      expect(crypto.startModPow!(3n, exp, p).result()).toBe(modPow(3n, exp, p));
    }
  });

  describe('PBKDF2 on the workers (WebAssembly, sha512-wasm.ts)', () => {
    const password = new TextEncoder().encode('a 2FA password hash');
    const salt = random.bytes(16);
    const openssl = (iterations: number) =>
      new Uint8Array(pbkdf2Sync(password, salt, iterations, 64, 'sha512'));

    it("with 'always', a calibrated worker derives what OpenSSL derives; a second request while it is busy is left to the caller", async () => {
      const workers = pool(1, modPow);
      expect(await workers.pbkdf2(password, salt, 10)).toBeUndefined(); // not calibrated yet: the caller uses OpenSSL
      const calibration = await workers.kdfCalibration();
      expect(calibration).toMatchObject({ kdf: true, correct: true });
      expect(calibration.wasmMs).toBeGreaterThan(0);
      expect(calibration.sslMs).toBeGreaterThan(0);
      expect(await workers.kdfCalibration()).toBe(calibration); // asked again: the same answer, at once
      const first = workers.pbkdf2(password, salt, 20_000);
      expect(await workers.pbkdf2(password, salt, 20_000)).toBeUndefined();
      expect(await first).toEqual(openssl(20_000));
      expect(await workers.pbkdf2(password, salt, 1)).toEqual(openssl(1)); // free again
    });

    it("never serves a module that derives a different key, even with 'always'", async () => {
      // Valid WebAssembly with the right exports, but iterate() does nothing: wrong keys past 1 iteration.
      const wrong = () =>
        wasmModule([
          { name: 'hmacInit', locals: 0, code: new Code() },
          { name: 'iterate', locals: 0, code: new Code() },
        ]);
      const workers = new PowWorkers(1, modPow, 'always', wrong);
      pools.push(workers);
      expect(await workers.kdfCalibration()).toMatchObject({ kdf: false, correct: false });
      expect(await workers.pbkdf2(password, salt, 1000)).toBeUndefined();
    });

    it('serves modpow jobs while a derivation runs (it yields between chunks)', async () => {
      const workers = pool(1, () => {
        throw new RangeError('computed inline: the worker did not take the job');
      });
      await workers.kdfCalibration();
      const derivation = workers.pbkdf2(password, salt, 5_000_000); // seconds of work
      await new Promise((resolve) => setTimeout(resolve, 5));
      const exp = below(p - 1n);
      const job = workers.start(3n, exp, p);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(job.result()).toBe(modPow(3n, exp, p));
      await workers.close();
      expect(await derivation).toBeUndefined();
    });

    it("answers undefined with 'never', with no workers, and for jobs cut off by close()", async () => {
      const never = pool(1, modPow, 'never');
      expect(await never.kdfCalibration()).toEqual({ kdf: false });
      expect(await never.pbkdf2(password, salt, 1)).toBeUndefined();
      const none = pool(0, modPow, 'always');
      expect(await none.kdfCalibration()).toEqual({ kdf: false });
      expect(await none.pbkdf2(password, salt, 1)).toBeUndefined();
      const closing = pool(1, modPow, 'always');
      await closing.kdfCalibration();
      const cut = closing.pbkdf2(password, salt, 1_000_000);
      await closing.close();
      expect(await cut).toBeUndefined();
      expect(await closing.pbkdf2(password, salt, 1)).toBeUndefined();
    });

    it('createNodeCrypto derives the same key by either path, before and after calibration', async () => {
      const crypto = createNodeCrypto({ powWorkers: 1, wasmPbkdf2: 'always' });
      const before = await crypto.pbkdf2Sha512(password, salt, 3000); // OpenSSL: no worker yet
      crypto.startModPow!(3n, below(p - 1n), p).result(); // a key exchange starts the workers; the module follows
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(before).toEqual(openssl(3000));
      expect(await crypto.pbkdf2Sha512(password, salt, 3000)).toEqual(openssl(3000));
      await expect(crypto.pbkdf2Sha512(password, salt, 0)).rejects.toThrow();
    });
  });

  it.each([
    ['started workers (a key exchange) and ends before they calibrated', ''],
    [
      'derived a key on a calibrated worker',
      'await crypto.pbkdf2Sha512(new Uint8Array(8), new Uint8Array(8), 1000);',
    ],
  ])('never keeps a process alive: one that %s exits by itself', (_, then) => {
    const root = new URL('../../../', import.meta.url).pathname;
    const script = `
      import { createNodeCrypto } from './src/adapters/crypto/index.js';
      const crypto = createNodeCrypto({ powWorkers: 1, wasmPbkdf2: 'always' });
      crypto.startModPow(3n, 12345678901234567890n, ${p}n).result();
      await new Promise((resolve) => setTimeout(resolve, 500));
      ${then}
      console.log('done');
    `;
    const run = spawnSync(`${root}node_modules/.bin/tsx`, ['--input-type=module', '-e', script], {
      cwd: root,
      timeout: 20_000,
      encoding: 'utf8',
    });
    expect(run.stdout.trim()).toBe('done');
    expect(run.signal).toBeNull(); // not killed by the timeout
    expect(run.status).toBe(0);
  });
});
