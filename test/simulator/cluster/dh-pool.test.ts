/**
 * The simulator's DH pool: pairs made only in idle time (a timer firing on time, no traffic for 5 ms), each handed out
 * once, made on the spot when none is ready; and the key exchange and 2FA served from it over
 * MTProto.
 */
import { describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../../src/adapters/crypto/index.js';
import { TELEGRAM_DH_PRIME, bytesToBigint, computeSrpCheck } from '../../../src/crypto/index.js';
import { DhPool } from '../../../src/simulator/cluster/dh-pool.js';
import { SRP_G, SRP_PRIME } from '../../../src/simulator/index.js';
import type { Clock } from '../../../src/transport/index.js';
import { fixedRandom } from '../../helpers/fixed-random.js';
import { ManualClock } from '../../helpers/manual-clock.js';
import { sendCodeReq, wireSim, type Value } from '../mtproto/wire-harness.js';

const valid = (pair: { secret: bigint; power: bigint }) =>
  pair.secret >= 1n && pair.secret <= TELEGRAM_DH_PRIME - 2n && nodeCrypto.modPow(3n, pair.secret, TELEGRAM_DH_PRIME) === pair.power;

/** A clock whose time the test sets, and whose timers the test fires (to fire one late). */
function steppedClock() {
  const timers: (() => void)[] = [];
  let time = 1_000;
  const clock: Clock = {
    now: () => time,
    setTimeout: (fn) => timers.push(fn),
    clearTimeout: () => undefined,
  };
  return { clock, timers, set: (t: number) => void (time = t) };
}

describe('DhPool', () => {
  it('serves the well-known prime with g = 3, the SRP parameters', () => {
    expect(SRP_G).toBe(3);
    expect(bytesToBigint(SRP_PRIME)).toBe(TELEGRAM_DH_PRIME);
  });

  it('fills up to its size one pair per idle tick, then stops; take() hands each pair out once', () => {
    const clock = new ManualClock();
    const pool = new DhPool({ size: 3, clock, random: fixedRandom('pool'), crypto: nodeCrypto });
    expect(pool.ready).toBe(0);
    clock.advance(5);
    expect(pool.ready).toBe(1);
    clock.advance(100);
    expect(pool.ready).toBe(3);
    expect(clock.pending).toBe(0); // full: no timer left
    const taken = [pool.take(), pool.take(), pool.take(), pool.take()]; // the fourth is made on the spot
    expect(taken.every(valid)).toBe(true);
    expect(new Set(taken.map((p) => p.secret)).size).toBe(4);
    expect(pool.ready).toBe(0);
    expect(clock.pending).toBe(1); // refilling again
    pool.close();
    expect(clock.pending).toBe(0);
  });

  it('a timer that fires late (the loop was busy) makes nothing and re-arms', () => {
    const { clock, timers, set } = steppedClock();
    const pool = new DhPool({ size: 2, clock, random: fixedRandom('late'), crypto: nodeCrypto });
    expect(timers).toHaveLength(1);
    set(1_000 + 5 + 30);
    timers.shift()!();
    expect(pool.ready).toBe(0);
    expect(timers).toHaveLength(1);
    set(1_035 + 5);
    timers.shift()!();
    expect(pool.ready).toBe(1);
    pool.close();
  });

  it('from half full on, a timer on time makes nothing while a frame went in or out within the last 5 ms', () => {
    const { clock, timers, set } = steppedClock();
    const pool = new DhPool({ size: 2, clock, random: fixedRandom('quiet'), crypto: nodeCrypto });
    // [time of traffic, time the timer fires, pairs ready after it]
    const steps = [
      [1_004, 1_005, 1], // empty (below half): made right after traffic
      [1_009, 1_010, 1], // half full: 1 ms after traffic, nothing
      [1_014, 1_015, 1],
      [1_015, 1_020, 2], // 5 ms without traffic: made
    ] as const;
    for (const [traffic, fire, ready] of steps) {
      set(traffic);
      pool.noteTraffic();
      set(fire);
      timers.shift()!();
      expect(pool.ready).toBe(ready);
    }
    expect(timers).toHaveLength(0); // full
    pool.close();
  });

  it('the key exchange and 2FA take their server secrets from the pool', async () => {
    const { sim, clock, connect } = wireSim({ dhPool: 4 });
    clock.advance(1_000);
    const acc = sim.accounts.create({ phone: '9996627777', dcId: 2 });
    await sim.setPassword(acc.id, 'hunter2');
    clock.advance(1_000);
    expect((sim.state.dhPool as DhPool).ready).toBe(4);
    const c = await connect(2);
    expect((sim.state.dhPool as DhPool).ready).toBe(3);
    const sent = (await c.call(sendCodeReq(acc.phone))) as Value;
    expect(await c.error({ _: 'auth.signIn', phoneNumber: acc.phone, phoneCodeHash: sent['phoneCodeHash'], phoneCode: '22222' })).toBe(
      'SESSION_PASSWORD_NEEDED',
    );
    const pw = (await c.call({ _: 'account.getPassword' })) as Value;
    expect((sim.state.dhPool as DhPool).ready).toBe(2);
    const algo = pw['currentAlgo'] as Value;
    const params = { password: 'hunter2', salt1: algo['salt1'], salt2: algo['salt2'], g: algo['g'], p: algo['p'], srpB: pw['srpB'], srpId: pw['srpId'] };
    const r = await computeSrpCheck(params as never, fixedRandom('srp-a'), nodeCrypto);
    expect(await c.call({ _: 'auth.checkPassword', password: { _: 'inputCheckPasswordSRP', srpId: r.srpId, A: r.A, M1: r.M1 } })).toMatchObject({
      _: 'auth.authorization',
      user: { id: acc.id },
    });
    sim.close();
  });
});
