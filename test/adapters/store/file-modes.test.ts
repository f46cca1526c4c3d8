/**
 * Issue 23: a session holds auth keys, so every file a store creates is private to its owner
 * (0600): the file store's file, and the SQLite database with its -wal and -shm files alike.
 */
import { existsSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileStore, sqliteStore } from '../../../src/adapters/store/index.js';
import { tempDir } from './temp-dir.js';

const nextPath = tempDir('modes');
const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8);
const hasSqlite = await import('better-sqlite3').then(
  () => true,
  () => false,
);

describe.skipIf(process.platform === 'win32')('store file modes', () => {
  it('fileStore creates its file 0600', async () => {
    const path = nextPath();
    const store = fileStore(path);
    await store.save(new Uint8Array([1, 2, 3]));
    expect(modeOf(path)).toBe('600');
    await store.close();
  });

  it.skipIf(!hasSqlite)('sqliteStore creates the database, -wal and -shm 0600', async () => {
    const path = nextPath();
    const store = sqliteStore(path);
    await store.save(new Uint8Array([1, 2, 3]));
    // Open in WAL mode: the -wal and -shm files exist until the last connection closes.
    for (const file of [path, `${path}-wal`, `${path}-shm`]) {
      expect(existsSync(file), file).toBe(true);
      expect(modeOf(file), file).toBe('600');
    }
    await store.close();
  });
});
