/**
 * The client schema (src/tl/generated/descriptors.ts): what a browser build carries (issue 26). It
 * must hold every method the engine sends and be closed (every type its lines use is defined in
 * it); without the rest (src/tl/full-schema.ts) the codec fails loudly on anything else.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { TL_SCHEMA } from '../../src/tl/generated/descriptors.js';
import { TL_REST_SCHEMA } from '../../src/tl/generated/rest-descriptors.js';
import { parseTlSchema } from '../../src/tl/parse-schema.js';
import { serializeObject } from '../../src/tl/index.js';

const client = parseTlSchema(TL_SCHEMA);
const rest = parseTlSchema(TL_REST_SCHEMA);
const clientNames = new Set(client.map((c) => c.name));

/** Every `_: 'name'` literal in the engine's sources (machines, transport, the browser adapters). */
function namesInSources(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (path.endsWith('.ts'))
        for (const m of readFileSync(path, 'utf8').matchAll(/_: '([\w.]+)'/g)) names.add(m[1]!);
    }
  };
  for (const dir of ['src/machines', 'src/transport', 'src/adapters/browser']) walk(dir);
  return names;
}

describe('client schema (what a browser build carries)', () => {
  it('holds every constructor and method the engine names, and the schema is split without overlap', () => {
    const restNames = new Set(rest.map((c) => c.name));
    const used = [...namesInSources()].filter((n) => restNames.has(n) || clientNames.has(n));
    expect(used.length).toBeGreaterThan(40);
    expect(used.filter((n) => !clientNames.has(n))).toEqual([]);
    expect([...restNames].filter((n) => clientNames.has(n))).toEqual([]);
    expect(rest.length).toBeGreaterThan(0);
  });

  it('is closed: every type its lines use is defined by its constructors, or by none in the whole schema', () => {
    const types = new Set(client.filter((c) => c.kind === 'constructor').map((c) => c.type));
    const restTypes = new Set(rest.filter((c) => c.kind === 'constructor').map((c) => c.type));
    const inner = (t: string): string => /^[Vv]ector<(.+)>$/.exec(t)?.[1] ?? t;
    const missing = client
      .flatMap((c) => [...c.params.map((p) => inner(p.type)), ...(c.kind === 'method' ? [inner(c.type)] : [])])
      .filter((t) => restTypes.has(t) && !types.has(t));
    expect(missing).toEqual([]);
  });

  it('without the rest of the schema, a method outside it fails to encode and a constructor outside it to decode', async () => {
    // Encoded with the whole schema (the test setup registers it, as Node's doors do).
    const config = rest.find((c) => c.name === 'account.passwordSettings')!;
    const bytes = serializeObject({ _: 'account.passwordSettings', email: 'a@b.c' } as never);
    expect(config.kind).toBe('constructor');
    vi.resetModules();
    const fresh = await import('../../src/tl/index.js');
    expect(() => fresh.serializeObject({ _: 'help.getConfig' } as never)).toThrow(fresh.TlEncodeError);
    expect(() => fresh.deserializeObject(bytes)).toThrow(fresh.TlDecodeError);
    // What the engine sends still works in the same fresh registry.
    expect(fresh.serializeObject({ _: 'account.getPassword' }).length).toBe(4);
    fresh.registerFullSchema();
    expect(fresh.deserializeObject(bytes)).toMatchObject({ _: 'account.passwordSettings', email: 'a@b.c' });
  });

  it('without the rest, gzip_packed fails loudly until its DEFLATE decoder is loaded, then unpacks', async () => {
    const inner = serializeObject({ _: 'rpc_error', errorCode: 420, errorMessage: 'FLOOD_WAIT_7' });
    const packed = serializeObject({ _: 'gzip_packed', packedData: gzipSync(inner) });
    vi.resetModules();
    const fresh = await import('../../src/tl/index.js');
    expect(fresh.inflateLoaded()).toBe(false);
    expect(() => fresh.deserializeObject(packed)).toThrow(/DEFLATE decoder loaded/);
    await fresh.loadInflate();
    expect(fresh.inflateLoaded()).toBe(true);
    expect(fresh.deserializeObject(packed)).toEqual({ _: 'rpc_error', errorCode: 420, errorMessage: 'FLOOD_WAIT_7' });
  });
});
