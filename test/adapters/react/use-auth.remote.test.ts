// @vitest-environment happy-dom
/**
 * The React adapter, unchanged, drives a login that runs in the login service: `remoteAuthEngine`
 * mirrors the flow over HTTP + SSE, `useAuth` renders it. Phone (given at creation) -> the code from
 * the simulator's inbox -> 2FA -> ready, each command sent through the remote engine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { act, cleanup, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { firstValueFrom, filter } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../../src/adapters/crypto/index.js';
import { useAuth } from '../../../src/adapters/react/index.js';
import { remoteAuthEngine, type RemoteAuthEngine } from '../../../src/adapters/remote/index.js';
import { createLoginService, type LoginService } from '../../../src/adapters/service/index.js';
import type { AuthView } from '../../../src/machines/index.js';
import { account, API, createWorld, lastCode, type World } from '../../integration/sim-world.js';

const KEY = 'operator-key-for-react-test';
let w: World;
let svc: LoginService;
let url: string;
let dir: string;

beforeAll(async () => {
  w = await createWorld('memory', 'react-remote');
  dir = mkdtempSync(join(tmpdir(), 'tgauth-remote-'));
  svc = await createLoginService({
    database: join(dir, 'flows.sqlite'),
    apiKey: KEY,
    sealingKey: 'cd'.repeat(32),
    engine: { ...API, dcs: w.config, dial: w.dial, clock: w.clock, crypto: nodeCrypto, transport: { pingIntervalMs: 0 } },
    pollMs: 20,
    log: false,
    corsOrigins: ['*'],
  });
  url = await svc.listen();
});
afterAll(async () => {
  cleanup();
  await svc.close();
  await w.close();
  rmSync(dir, { recursive: true, force: true });
});

function Screen({ engine }: { engine: RemoteAuthEngine }) {
  const v = useAuth(engine);
  const text =
    v.status === 'waitCode'
      ? `code (${v.codeInfo.type})`
      : v.status === 'waitPassword'
        ? `password, hint ${v.hint ?? '-'}`
        : v.status === 'ready'
          ? `hello ${v.user.firstName}`
          : v.status;
  return createElement('p', { 'data-testid': 'screen' }, text);
}

const until = (engine: RemoteAuthEngine, status: AuthView['status']) =>
  firstValueFrom(engine.state$.pipe(filter((v) => v.status === status && !v.busy)));

describe('react adapter through remoteAuthEngine', () => {
  it('phone -> code -> 2FA -> ready, rendered from the service', async () => {
    const a = account(w);
    await w.sim.setPassword(a.id, 'right horse', { hint: 'horse' });
    const created = await fetch(`${url}/v1/flows`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ phone: a.phone }),
    });
    const { flowId, token } = (await created.json()) as { flowId: string; token: string };
    const engine = remoteAuthEngine(url, flowId, token, { retryMs: 50 });
    render(createElement(Screen, { engine }));
    const shown = () => screen.getByTestId('screen').textContent;
    await act(() => until(engine, 'waitCode'));
    expect(shown()).toMatch(/^code \(/);

    await act(async () => {
      await engine.send({ type: 'code.submit', code: lastCode(w.sim, a.phone) });
      await until(engine, 'waitPassword');
    });
    expect(shown()).toBe('password, hint horse');

    const rejected: string[] = [];
    engine.on('command.rejected', (e) => rejected.push(e.command));
    await act(() => engine.send({ type: 'code.submit', code: '00000' }));
    expect(rejected).toEqual(['code.submit']);

    await act(async () => {
      await engine.send({ type: 'password.submit', password: 'right horse' });
      await until(engine, 'ready');
    });
    expect(shown()).toBe('hello Ada');
    engine.stop();
  });
});
