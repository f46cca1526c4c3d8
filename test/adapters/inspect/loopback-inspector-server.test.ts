/**
 * The loopback inspector relay: listens on 127.0.0.1 only, refuses non-loopback Host headers,
 * and carries a redacted engine run from @statelyai/inspect's WebSocket inspector to a viewer.
 */
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createWebSocketInspector } from '@statelyai/inspect';
import { createRedactingInspector } from '../../../src/adapters/inspect/index.js';
import {
  startLoopbackInspectorServer,
  type LoopbackInspectorServer,
} from '../../../src/adapters/inspect/server/loopback-inspector-server.js';
import { runSecretFlow, secretsIn } from './secret-flow.js';

let server: LoopbackInspectorServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const get = (port: number, host: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });

/** Connects; `sink` collects messages from the first frame on (a replay can share the upgrade's packet). */
const open = (url: string, host?: string, sink: string[] = []) =>
  new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(url, host ? { headers: { host } } : {});
    ws.on('message', (data: Buffer) => sink.push(data.toString()));
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });

describe('loopback inspector server', () => {
  it('listens on 127.0.0.1 and serves the bridge page only to loopback Host names', async () => {
    server = await startLoopbackInspectorServer({ port: 0 });
    expect(server.wsUrl).toBe(`ws://127.0.0.1:${server.port}`);
    const page = await get(server.port, `localhost:${server.port}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('src="https://stately.ai/inspect"');
    expect(page.body).toContain(`"ws://localhost:${server.port}"`);
    expect((await get(server.port, `attacker.example:${server.port}`)).status).toBe(403);
    await expect(open(server.wsUrl, `attacker.example:${server.port}`)).rejects.toThrow(/40[13]/);
  });

  it('relays a redacted engine run from createWebSocketInspector to a viewer, replaying to late viewers', async () => {
    server = await startLoopbackInspectorServer({ port: 0 });
    const received: string[] = [];
    const viewer = await open(server.wsUrl, undefined, received);

    const stately = createWebSocketInspector({ url: server.wsUrl });
    const redacting = createRedactingInspector(stately.inspect);
    expect(await runSecretFlow(redacting.inspect)).toBe('ready');
    // The inspector converts on a timer: wait until the stream goes quiet.
    let seen = -1;
    await expect
      .poll(
        () => (received.length > 20 && received.length === seen ? true : ((seen = received.length), false)),
        {
          timeout: 10_000,
          interval: 200,
        },
      )
      .toBe(true);
    stately.stop();

    const all = received.join('\n');
    expect(all).toContain('"@xstate.actor"');
    expect(all).toContain('waitPasswordRecovery');
    expect(secretsIn(all)).toEqual([]);

    const replayed: string[] = [];
    const late = await open(server.wsUrl, undefined, replayed);
    await expect.poll(() => replayed.length, { timeout: 5000 }).toBe(Math.min(200, received.length));
    expect(replayed).toEqual(received.slice(-200));
    viewer.close();
    late.close();
  });
});
