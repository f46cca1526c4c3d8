import { expect, it, vi } from 'vitest';
import { tempDir } from './temp-dir.js';

const nextPath = tempDir('sqlite-missing');

it('sqliteStore without better-sqlite3 fails with reason missing-dependency, on first use only', async () => {
  vi.doMock('better-sqlite3', () => {
    throw new Error("Cannot find package 'better-sqlite3'");
  });
  vi.resetModules();
  const { sqliteStore } = await import('../../../src/adapters/store/index.js');
  const store = sqliteStore(nextPath()); // creating it does not need the package
  await expect(store.load()).rejects.toMatchObject({
    name: 'SessionStoreError',
    reason: 'missing-dependency',
  });
  await expect(store.save(new Uint8Array([1]))).rejects.toMatchObject({ reason: 'missing-dependency' });
  await store.close();
  vi.doUnmock('better-sqlite3');
});
