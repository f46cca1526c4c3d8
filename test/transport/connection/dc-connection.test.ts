import { gzipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { RpcError } from '../../../src/transport/index.js';
import type { Duplex } from '../../../src/transport/index.js';
import type { TlLike } from '../../../src/transport/session/session-codec.js';
import { makeConnection, settle } from './connection-harness.js';

describe('DcConnection', () => {
  it('in a build that loads the DEFLATE decoder on demand, sends nothing until it has loaded, then unpacks gzip_packed', async () => {
    // A fresh module graph without registerFullSchema: the browser build's tl layer.
    vi.resetModules();
    const tl = await import('../../../src/tl/index.js');
    const fresh = await import('./connection-harness.js');
    expect(tl.inflateLoaded()).toBe(false);
    const packedData = gzipSync(tl.serializeObject({ _: 'rpc_error', errorCode: 420, errorMessage: 'FLOOD_WAIT_7' }));
    const h = fresh.makeConnection({ handle: async () => ({ _: 'gzip_packed', packedData }) as never });
    const answer = firstValueFrom(h.dc.invoke({ _: 'account.getPassword' })).catch((e: unknown) => e);
    expect(h.dc.state).not.toBe('ready');
    await expect(answer).resolves.toMatchObject({ type: 'FLOOD_WAIT_X', argument: 7 });
    expect(tl.inflateLoaded()).toBe(true);
    expect(h.dc.state).toBe('ready');
  });

  it('a DEFLATE decoder load that never settles holds the first message 5 s of its clock, not forever', async () => {
    vi.resetModules();
    // A chunk request that the network never answers.
    vi.doMock('../../../src/tl/gunzip-bounded.js', async (original) => ({
      ...(await original<object>()),
      inflateLoaded: () => false,
      loadInflate: () => new Promise(() => undefined),
    }));
    try {
      const fresh = await import('./connection-harness.js');
      const h = fresh.makeConnection({ handle: async () => ({ _: 'rpc_error', errorCode: 420, errorMessage: 'FLOOD_WAIT_7' }) as never });
      const answer = firstValueFrom(h.dc.invoke({ _: 'account.getPassword' })).catch((e: unknown) => e);
      await settle();
      expect(h.dc.state).not.toBe('ready');
      h.clock.advance(4_999);
      await settle();
      expect(h.dc.state).not.toBe('ready');
      h.clock.advance(1);
      await expect(answer).resolves.toMatchObject({ type: 'FLOOD_WAIT_X', argument: 7 });
      expect(h.dc.state).toBe('ready');
    } finally {
      vi.doUnmock('../../../src/tl/gunzip-bounded.js');
    }
  });

  it('invokes over the session and reports connecting -> ready', async () => {
    const h = makeConnection();
    const states: string[] = [];
    h.dc.state$.subscribe((s) => states.push(s));
    const result = firstValueFrom(h.dc.invoke({ _: 'help.getNearestDc' }));
    await expect(result).resolves.toEqual({ _: 'nearestDc', country: 'NL', thisDc: 2, nearestDc: 2 });
    expect(states).toEqual(['ready']);
    expect(h.server.keys.get(h.authKeyId)!.initConnection).toMatchObject({ apiId: 12345 });
    h.dc.close();
    expect(states.at(-1)).toBe('closed');
  });

  it('delivers rpc_error as RpcError and Bool results decoded with the method', async () => {
    const h = makeConnection();
    await expect(firstValueFrom(h.dc.invoke({ _: 'auth.checkRecoveryPassword', code: '4' }))).resolves.toBe(true);
    const err = await firstValueFrom(h.dc.invoke({ _: 'help.getConfig' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RpcError);
    expect(err).toMatchObject({ type: 'FLOOD_WAIT_X', argument: 30 });
  });

  it('cancels on unsubscribe: the caller sees nothing and the server drops the answer', async () => {
    let release!: () => void;
    let ran = 0;
    const h = makeConnection({
      handle: async () => {
        ran++;
        await new Promise<void>((r) => (release = r));
        return { _: 'nearestDc', country: 'NL', thisDc: 2, nearestDc: 2 };
      },
    });
    const seen: unknown[] = [];
    const sub = h.dc.invoke({ _: 'help.getNearestDc' }).subscribe({ next: (v) => seen.push(v), error: (e) => seen.push(e) });
    await settle();
    expect(ran).toBe(1);
    sub.unsubscribe();
    await settle();
    release();
    await settle();
    expect(seen).toEqual([]);
    expect(h.dc.metrics!.received).toBeGreaterThan(0);
  });

  it('emits updates pushed by the server', async () => {
    const h = makeConnection();
    await firstValueFrom(h.dc.invoke({ _: 'help.getNearestDc' }));
    const got = firstValueFrom(h.dc.updates$);
    h.server.pushUpdate(h.authKeyId, { _: 'updatesTooLong' });
    await expect(got).resolves.toEqual({ _: 'updatesTooLong' });
  });

  it('runs an injected handshake first (state handshaking) when it has no key', async () => {
    const base = makeConnection();
    base.dc.close();
    const states: string[] = [];
    let handshakeDuplex: Duplex | undefined;
    const h = makeConnection({
      authKey: undefined as never,
      handshake: async (duplex) => {
        handshakeDuplex = duplex;
        return { key: base.authKey, serverSalt: base.serverSalt };
      },
    });
    h.dc.state$.subscribe((s) => states.push(s));
    await settle();
    expect(handshakeDuplex).toBeDefined();
    expect(states).toEqual(['handshaking', 'ready']);
    await expect(firstValueFrom(h.dc.invoke({ _: 'help.getNearestDc' }))).resolves.toMatchObject({ thisDc: 2 });
  });

  it('reconnects with backoff in the middle of 1,000 concurrent invokes: none lost, none duplicated', async () => {
    const executions = new Map<string, number>();
    let hold = true;
    const waiting: (() => void)[] = [];
    const h = makeConnection({
      backoff: { initialMs: 1000, maxMs: 8000 },
      handle: async (req: TlLike) => {
        const code = req['code'] as string;
        executions.set(code, (executions.get(code) ?? 0) + 1);
        if (hold) await new Promise<void>((r) => waiting.push(r));
        return Number(code) % 2 === 0;
      },
    });
    const states: string[] = [];
    h.dc.state$.subscribe((s) => states.push(s));
    const results = new Map<number, unknown[]>();
    const done: Promise<unknown>[] = [];
    for (let i = 0; i < 1000; i++) {
      const got: unknown[] = [];
      results.set(i, got);
      done.push(
        lastValueFrom(h.dc.invoke({ _: 'auth.checkRecoveryPassword', code: String(i) }).pipe(toArray())).then((v) =>
          got.push(...v),
        ),
      );
    }
    await settle();
    expect(waiting.length).toBe(1000);
    for (const release of waiting.splice(0, 400)) release(); // 400 answered before the cut
    await settle();
    h.cut();
    expect(h.dc.state).toBe('reconnecting');
    for (const release of waiting.splice(0, 300)) release(); // 300 answer while no connection exists
    await settle();
    h.clock.advance(999);
    expect(h.dials).toBe(1);
    h.clock.advance(1);
    expect(h.dials).toBe(2);
    await settle();
    hold = false;
    for (const release of waiting.splice(0)) release(); // the rest answer on the new connection
    await Promise.all(done);
    for (const [i, got] of results) expect(got).toEqual([i % 2 === 0]);
    expect(executions.size).toBe(1000);
    expect([...executions.values()].every((n) => n === 1)).toBe(true);
    expect(states).toEqual(['ready', 'reconnecting', 'ready']);
    h.dc.close();
  });

  it('backs off exponentially while the server stays unreachable', async () => {
    const h = makeConnection({ backoff: { initialMs: 1000, maxMs: 3000 } });
    const realDials: number[] = [];
    await firstValueFrom(h.dc.invoke({ _: 'help.getNearestDc' }));
    h.cut();
    // Nothing is received on the new connections, so the delay keeps growing until the cap.
    for (const step of [1000, 2000, 3000, 3000]) {
      realDials.push(h.dials);
      h.clock.advance(step - 1);
      expect(h.dials).toBe(realDials.at(-1));
      h.clock.advance(1);
      h.cut();
    }
    expect(h.dials).toBe(5);
  });

  it('makes a new key and re-sends pending requests when the server answers -404 (key forgotten)', async () => {
    const fresh = makeConnection({ seed: 'another key' });
    fresh.dc.close();
    let handshakes = 0;
    const h = makeConnection({
      handshake: async () => {
        handshakes++;
        return { key: fresh.authKey, serverSalt: fresh.serverSalt };
      },
    });
    // The pre-shared key is forgotten by the server: it has its own (fresh) key registered instead.
    h.server.options.lookupKey = (id) => (id === fresh.authKeyId ? { key: fresh.authKey } : undefined);
    const result = firstValueFrom(h.dc.invoke({ _: 'help.getNearestDc' }));
    await settle();
    expect(h.dc.state).toBe('reconnecting');
    h.clock.advance(500);
    await expect(result).resolves.toMatchObject({ _: 'nearestDc' });
    expect(handshakes).toBe(1);
  });

  it('fails pending requests with TransportError -404 and closes when it cannot make a new key', async () => {
    const h = makeConnection();
    h.server.options.lookupKey = () => undefined;
    const err = await firstValueFrom(h.dc.invoke({ _: 'help.getNearestDc' })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: -404 });
    expect(h.dc.state).toBe('closed');
  });

  it('sends acks alone after ackDelayMs and pings every pingIntervalMs', async () => {
    const h = makeConnection({ pingIntervalMs: 60_000, ackDelayMs: 1000 });
    await firstValueFrom(h.dc.invoke({ _: 'help.getNearestDc' }));
    const sent = h.dc.metrics!.sent;
    h.clock.advance(999);
    expect(h.dc.metrics!.sent).toBe(sent);
    h.clock.advance(1); // the rpc_result and new_session_created are acknowledged on their own
    expect(h.dc.metrics!.sent).toBe(sent + 1);
    h.clock.advance(59_000); // ping_delay_disconnect at 60 s
    expect(h.dc.metrics!.sent).toBe(sent + 2);
    await settle();
    h.clock.advance(120_000); // the server never closes a connection that keeps pinging
    expect(h.dc.state).toBe('ready');
    h.dc.close();
  });
});
