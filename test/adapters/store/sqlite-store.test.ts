import { describe, expect, it } from 'vitest';
import { sqliteStore } from '../../../src/adapters/store/index.js';
import { sessionStoreSuite } from '../../conformance/session-store.suite.js';
import { tempDir } from './temp-dir.js';

const nextPath = tempDir('sqlite');
const paths = new WeakMap<object, string>();

sessionStoreSuite('sqliteStore', {
  open() {
    const path = nextPath();
    const store = sqliteStore(path);
    paths.set(store, path);
    return store;
  },
  close: (store) => store.close(),
  async reopen(store) {
    await store.close();
    const path = paths.get(store) as string;
    const again = sqliteStore(path);
    paths.set(again, path);
    return again;
  },
});

describe('sqliteStore', () => {
  it('keeps several sessions apart in one database, each with its own lock', async () => {
    const path = nextPath();
    const a = sqliteStore(path, { key: 'alice' });
    const b = sqliteStore(path, { key: 'bob' });
    expect(() => sqliteStore(path, { key: 'alice' })).toThrow(expect.objectContaining({ reason: 'locked' }));
    await a.save(new Uint8Array([1]));
    await b.save(new Uint8Array([2]));
    expect(await a.load()).toEqual(new Uint8Array([1]));
    expect(await b.load()).toEqual(new Uint8Array([2]));
    await b.clear();
    expect(await a.load()).toEqual(new Uint8Array([1]));
    await a.close();
    await b.close();
  });

  it('reports a path it cannot open as SessionStoreError { reason: io }', async () => {
    const store = sqliteStore('/nonexistent-dir-tgauth/session.db', { lock: false });
    await expect(store.load()).rejects.toMatchObject({ name: 'SessionStoreError', reason: 'io' });
    await store.close();
  });
});
