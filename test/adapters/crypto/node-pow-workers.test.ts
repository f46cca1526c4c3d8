import { afterAll, describe, expect, it } from 'vitest';
import { createNodeCrypto } from '../../../src/adapters/crypto/index.js';
import { PowWorkers } from '../../../src/adapters/crypto/node-pow-workers.js';
import { bytesToBigint, modPow, TELEGRAM_DH_PRIME } from '../../../src/crypto/index.js';
import { fixedRandom } from '../../helpers/fixed-random.js';

const p = TELEGRAM_DH_PRIME;
const random = fixedRandom('pow-workers');
const below = (m: bigint) => bytesToBigint(random.bytes(256)) % m;

describe('PowWorkers (node:crypto startModPow)', () => {
  const pools: PowWorkers[] = [];
  const pool = (size: number, inline = modPow): PowWorkers => {
    const w = new PowWorkers(size, inline);
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
      inlineCalls.push(`${e < 2n ? 'small-exp' : m % 2n === 0n ? 'even' : m < 1n << 511n ? 'small' : 'big-exp'}`);
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
});
