/**
 * The console lives with the simulator: nothing of it (nor of the simulator) may reach the engine's
 * browser bundle or the web demo's. Bundled with esbuild as bench/bundle.bench.ts does, the inputs
 * must hold no file under src/simulator/.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** What a browser app imports to log in (the same entry as bench/bundle.bench.ts). */
const ENGINE_ENTRY = `
import { createAuthEngine, memoryStore } from './src/machines/index.js';
import { webSocketDial } from './src/adapters/browser/web-socket-dial.js';
import { webCrypto } from './src/adapters/crypto/web-crypto.js';
import { systemClock } from './src/adapters/clock/index.js';
export function login(apiId, apiHash, dcs) {
  return createAuthEngine({ apiId, apiHash, dcs, dial: webSocketDial(), crypto: webCrypto, clock: systemClock, store: memoryStore() });
}
`;

async function inputsOf(entry: { contents: string } | string): Promise<string[]> {
  const result = await build({
    ...(typeof entry === 'string'
      ? { entryPoints: [entry] }
      : { stdin: { contents: entry.contents, resolveDir: root, loader: 'ts' } }),
    absWorkingDir: root,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'browser',
    format: 'esm',
    external: ['react', 'react-dom', 'vue', 'svelte', 'svelte/*', 'qrcode'],
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

describe('the console and the browser bundles', () => {
  it('adds nothing to the engine bundle', async () => {
    const inputs = await inputsOf({ contents: ENGINE_ENTRY });
    expect(inputs.some((i) => i.startsWith('src/machines/'))).toBe(true);
    expect(inputs.filter((i) => i.startsWith('src/simulator/'))).toEqual([]);
  });

  it('adds nothing to what the web demo imports from tgauth', async () => {
    const inputs = await inputsOf('examples/web/src/tgauth.ts');
    expect(inputs.some((i) => i.startsWith('src/machines/'))).toBe(true);
    expect(inputs.filter((i) => i.startsWith('src/simulator/'))).toEqual([]);
  });
});
