/** The RPC log: a bounded ring read by sequence number, fed by every answer the cluster gives. */
import { describe, expect, it } from 'vitest';
import { RpcLog } from '../../../src/simulator/index.js';
import { login, wireSim } from '../mtproto/wire-harness.js';

const entry = (method: string) => ({ at: 0, dcId: 1, method, authKeyId: 1n, ms: 0, result: 'true' });

describe('RpcLog', () => {
  it('keeps only the newest `capacity` entries and pages by sequence number', () => {
    const log = new RpcLog(3);
    for (const m of ['a', 'b', 'c', 'd', 'e']) log.add(entry(m));
    expect(log.lastSeq).toBe(5);
    expect(log.since().map((e) => [e.seq, e.method])).toEqual([
      [3, 'c'],
      [4, 'd'],
      [5, 'e'],
    ]);
    expect(log.since(4).map((e) => e.method)).toEqual(['e']);
    expect(log.since(5)).toEqual([]);
    expect(log.since(0, 1).map((e) => e.method)).toEqual(['e']);
    expect(log.since(1, 10).map((e) => e.method)).toEqual(['c', 'd', 'e']);
  });

  it('records nothing with capacity 0', () => {
    const log = new RpcLog(0);
    expect(log.add(entry('a'))).toBeUndefined();
    expect(log.since()).toEqual([]);
  });
});

describe('the cluster RPC log', () => {
  it('notes each call with its DC, key, phone or user, result or error, and stays bounded', async () => {
    const { sim, connect } = wireSim({ settings: { rpcLogSize: 8 } });
    const c = await connect(2);
    await expect(
      c.call({ _: 'auth.signIn', phoneNumber: '9996621234', phoneCodeHash: 'nope', phoneCode: '1' }),
    ).rejects.toThrow();
    const userId = await login(c, '9996621234', '22222');
    await c.call({ _: 'updates.getState' });
    const entries = sim.state.rpcLog.since();
    expect(entries.map((e) => [e.method, e.result ?? e.error])).toEqual([
      ['auth.signIn', '400 PHONE_CODE_EXPIRED'],
      ['auth.sendCode', 'auth.sentCode'],
      ['auth.signIn', 'auth.authorizationSignUpRequired'],
      ['auth.signUp', 'auth.authorization'],
      ['updates.getState', 'updates.state'],
    ]);
    expect(entries.every((e) => e.dcId === 2 && e.phone === '9996621234' && e.authKeyId > 0n)).toBe(true);
    expect(entries.at(-1)).toMatchObject({ userId });
    for (let i = 0; i < 10; i++) await c.call({ _: 'updates.getState' });
    expect(sim.state.rpcLog.since()).toHaveLength(8);
    expect(sim.state.rpcLog.lastSeq).toBe(15);
    c.close();
  });
});
