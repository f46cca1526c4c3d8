/**
 * The control server over real HTTP on loopback: the console's files with their security headers,
 * JSON errors for unreadable bodies and refused callers, the start-up token when one is set, and
 * the live stream carrying a change to an open console.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulatorHost, type SimulatorHost } from '../../../src/adapters/node/index.js';

let host: SimulatorHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

/** Reads the event stream until a `data:` line satisfies `match`. */
async function nextEvent(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  match: (data: Record<string, unknown>) => boolean,
) {
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error('the stream ended');
    buffered += new TextDecoder().decode(value);
    for (const line of buffered.split('\n')) {
      if (!line.startsWith('data: ')) continue;
      const data = JSON.parse(line.slice(6)) as Record<string, unknown>;
      if (match(data)) return data;
    }
    buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
  }
}

describe('control server', () => {
  it('serves the console with a strict policy, answers JSON errors, and streams changes', async () => {
    host = await startSimulatorHost({ dcCount: 2 });
    const url = host.config.controlUrl!;
    expect(host.config.consoleUrl).toBe(`${url}/`);
    expect(host.config.controlToken).toBeUndefined();

    const page = await fetch(`${url}/`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(await page.text()).toMatch(/tgauth simulator/);

    const bad = await fetch(`${url}/accounts`, { method: 'POST', body: '{oops' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'the body is not JSON' });
    const cross = await fetch(`${url}/accounts`, {
      method: 'POST',
      headers: { origin: 'https://example.com' },
      body: '{}',
    });
    expect(cross.status).toBe(403);
    expect(await cross.json()).toEqual({ error: 'requests from another site are refused' });

    const controller = new AbortController();
    const stream = await fetch(`${url}/events`, { signal: controller.signal });
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = stream.body!.getReader();
    await nextEvent(reader, () => true);
    await fetch(`${url}/clock/advance`, { method: 'POST', body: JSON.stringify({ ms: 60_000 }) });
    const event = await nextEvent(reader, (d) => (d['topics'] as string[]).includes('control'));
    expect(event).toMatchObject({ clock: { offsetMs: 60_000 }, rpc: [], inbox: [] });
    controller.abort();
  });

  it('requires the token when one is set', async () => {
    host = await startSimulatorHost({ dcCount: 1, controlToken: 'sesame' });
    const url = host.config.controlUrl!;
    expect(host.config).toMatchObject({ controlToken: 'sesame', consoleUrl: `${url}/?token=sesame` });
    const refused = await fetch(`${url}/accounts`);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: string }).error).toMatch(/token/);
    expect((await fetch(`${url}/accounts`, { headers: { authorization: 'Bearer sesame' } })).status).toBe(
      200,
    );
    expect((await fetch(`${url}/?token=sesame`)).status).toBe(200);
    expect((await fetch(`${url}/?token=sesamE`)).status).toBe(401);
  });
});
