/**
 * Crash test (issue 8): a writer process is SIGKILLed at random points during 200 saves; every
 * load afterwards must return the old or the new session, never an error or garbage.
 *
 * The writer is bundled once with esbuild (already present as tsx's engine) so each restart costs
 * a plain `node` start rather than a TypeScript loader start, keeping the test to a few seconds.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, expect, it } from 'vitest';
import { fileStore } from '../../../src/adapters/store/index.js';
import { CRASH_VALUE_SIZE, crashValue } from './crash-value.js';
import { exited } from './lock-helpers.js';
import { tempDir } from './temp-dir.js';

const SAVES = 200;
const nextPath = tempDir('crash');
let writer = '';

beforeAll(async () => {
  writer = join(dirname(nextPath()), 'crash-writer.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('crash-writer.ts', import.meta.url))],
    outfile: writer,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
  });
});

/** Runs the writer from `from`, kills it once it has reported `killAfter` saves plus a random delay. */
async function runAndKill(
  path: string,
  from: number,
  killAfter: number,
): Promise<{ reported: number; finished: boolean }> {
  const child = spawn(process.execPath, [writer, path, String(from), String(SAVES)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let reported = from - 1;
  let finished = false;
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'done') finished = true;
      else reported = Number(line);
      if (reported - from + 1 === killAfter && !child.killed) {
        // A random sub-save delay so the kill lands anywhere inside the next write/fsync/rename.
        setTimeout(() => child.kill('SIGKILL'), Math.random() * 4);
      }
    }
  });
  await exited(child);
  // Anything but our SIGKILL or a clean finish is a writer failure (a store error, a lock refusal).
  expect(child.signalCode === 'SIGKILL' || (finished && child.exitCode === 0)).toBe(true);
  return { reported, finished };
}

it('a writer killed at random points during 200 saves always leaves the old or the new session', async () => {
  const path = nextPath();
  let stored = 0; // index of the session on disk; 0 = none yet
  let kills = 0;
  let midSave = 0; // kills that left a temp file behind: the kill landed inside a save
  let newerThanReported = 0; // loads that found the in-flight save already renamed into place
  while (stored < SAVES) {
    const { reported, finished } = await runAndKill(path, stored + 1, 1 + Math.floor(Math.random() * 30));
    if (!finished) kills++;
    const leftovers = readdirSync(dirname(path)).filter((n) => n.startsWith(`${basename(path)}.tmp-`));
    if (leftovers.length > 0) midSave++;
    const store = fileStore(path); // takes over the dead writer's lock
    const loaded = await store.load();
    await store.close();
    if (reported === 0 && loaded === undefined) continue;
    // A torn or truncated file shows up here first (a non-atomic writer fails at this line).
    expect(loaded?.length).toBe(CRASH_VALUE_SIZE);
    const index = new DataView((loaded as Uint8Array).buffer).getUint32(0);
    expect([reported, reported + 1]).toContain(index);
    const expected = crashValue(index);
    expect(expected.findIndex((b, k) => loaded?.[k] !== b)).toBe(-1);
    if (index > reported) newerThanReported++;
    stored = index;
  }
  console.info(
    `crash test: ${SAVES} saves, ${kills} kills, ${midSave} mid-save, ${newerThanReported} found the in-flight save`,
  );
  expect(kills).toBeGreaterThan(3);
}, 60_000);
