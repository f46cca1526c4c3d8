/**
 * Requests are never lost: a connection drops in the middle of 1,000 concurrent invokes (some
 * packets never reach the server, some answers never reach the client, some handlers are still
 * running). On the next connection every caller gets exactly one result and the server runs every
 * request exactly once (re-sent msg_ids are answered from its cache).
 */
import { describe, expect, it } from 'vitest';
import type { TlLike } from '../../../src/transport/session/session-codec.js';
import { makePair } from './session-harness.js';

const settle = () => new Promise<void>((r) => setImmediate(r));

describe('reconnect in the middle of 1,000 concurrent invokes', () => {
  it('loses nothing and duplicates nothing', async () => {
    const executions = new Map<string, number>();
    let hold = true;
    const waiting: (() => void)[] = [];
    const p = makePair({
      seed: 'reconnect',
      handle: async (req: TlLike) => {
        const code = req['code'] as string;
        executions.set(code, (executions.get(code) ?? 0) + 1);
        if (hold) await new Promise<void>((r) => waiting.push(r));
        return Number(code) % 2 === 0;
      },
    });
    const ids = new Map<number, string>();
    for (let batch = 0; batch < 4; batch++) {
      for (let i = 0; i < 250; i++) {
        const code = String(batch * 250 + i);
        ids.set(p.client.invoke({ _: 'auth.checkRecoveryPassword', code }), code);
      }
      p.flushClient();
    }
    expect(p.toServer).toHaveLength(4);
    // Packets 0-2 reach the server; packet 3 is lost on the wire.
    const inFlight = p.toServer.splice(0).slice(0, 3).map((x) => p.conn.receive(x));
    await settle();
    expect(waiting).toHaveLength(750);
    // Half of the running handlers answer; only every other answer reaches the client.
    for (const release of waiting.splice(0, 375)) release();
    await settle();
    const answers = p.toClient.splice(0);
    expect(answers.length).toBeGreaterThan(100);
    answers.forEach((a, i) => {
      if (i % 2 === 0) p.events.push(...p.client.receive(a));
    });
    const before = p.events.filter((e) => e.type === 'result').length;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(1000);

    p.reconnect();
    hold = false;
    await p.pump(); // re-sent: cached answers come back, running ones are not started again
    for (const release of waiting.splice(0)) release();
    await Promise.all(inFlight);
    await p.pump();
    await settle();
    await p.pump();

    const results = p.events.filter((e) => e.type === 'result');
    expect(p.events.filter((e) => e.type === 'error')).toEqual([]);
    expect(results).toHaveLength(1000);
    const seen = new Set<number>();
    for (const e of results) {
      if (e.type !== 'result') continue;
      expect(seen.has(e.id)).toBe(false);
      seen.add(e.id);
      expect(e.value).toBe(Number(ids.get(e.id)) % 2 === 0);
    }
    expect(executions.size).toBe(1000);
    expect([...executions.values()].every((n) => n === 1)).toBe(true);
    expect(p.client.pendingCount).toBe(0);
    // Every path was taken: answers re-sent from the cache, and duplicates of running requests.
    expect(p.server.duplicates.answeredFromCache).toBeGreaterThan(0);
    expect(p.server.duplicates.stillRunning).toBeGreaterThan(0);
  });
});
