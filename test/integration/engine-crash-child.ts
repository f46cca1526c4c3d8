/**
 * Child process of the engine crash test (engine-crash.test.ts): one engine over a file or SQLite
 * store, dialing the parent's simulator over TCP on loopback. It prints every view as one JSON line
 * (stdout to a pipe is synchronous on Linux, so a printed view was shown) and takes commands as
 * JSON lines on stdin; `quit` stops it cleanly. The parent SIGKILLs it at chosen moments and starts
 * a new one on the same store.
 *
 * Its first stdin line names the store and the simulator: `{ kind: 'file' | 'sqlite', path, configPath }`
 * (configPath: the JSON `tgauth sim` prints).
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { nodeCrypto } from '../../src/adapters/crypto/index.js';
import { nodeTcpDial, systemClock } from '../../src/adapters/node/index.js';
import { fileStore, sqliteStore } from '../../src/adapters/store/index.js';
import { createAuthEngine, type AuthCommand, type SimulatorConfig } from '../../src/machines/index.js';

// Since the process started: node's own start and the loading of the bundle, the cost of each restart.
const loadedMs = performance.now();
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

// The parent starts children ahead of need: a child waits, loaded, for the store it is to run on.
const first = await lines.next();
if (first.done) process.exit(0);
const { kind, path, configPath } = JSON.parse(first.value) as { kind: string; path: string; configPath: string };
const store = kind === 'sqlite' ? sqliteStore(path) : fileStore(path);
const engine = createAuthEngine({
  apiId: 12345,
  apiHash: '0123456789abcdef0123456789abcdef',
  dcs: JSON.parse(readFileSync(configPath, 'utf8')) as SimulatorConfig,
  dial: nodeTcpDial(),
  clock: systemClock,
  crypto: nodeCrypto,
  store,
});
process.stdout.write(`${JSON.stringify({ loadedMs })}\n`);
engine.state$.subscribe({
  next: (view) => process.stdout.write(`${JSON.stringify({ view })}\n`),
  error: (error: unknown) => process.stdout.write(`${JSON.stringify({ failed: String(error) })}\n`),
});

for (let next = await lines.next(); !next.done && next.value !== 'quit'; next = await lines.next()) {
  engine.send(JSON.parse(next.value) as AuthCommand);
}
engine.stop({ keepPendingLogin: true });
await store.close();
process.exit(0);
