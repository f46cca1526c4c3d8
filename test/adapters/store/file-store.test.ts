import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileStore, SessionStoreError } from '../../../src/adapters/store/index.js';
import { sessionStoreSuite } from '../../conformance/session-store.suite.js';
import { tempDir } from './temp-dir.js';
import { deadPid, exited, holdLockInChild, spawnTs } from './lock-helpers.js';

const nextPath = tempDir('file');
const paths = new WeakMap<object, string>();

sessionStoreSuite('fileStore', {
  open() {
    const path = nextPath();
    const store = fileStore(path);
    paths.set(store, path);
    return store;
  },
  close: (store) => store.close(),
  async reopen(store) {
    await store.close();
    const path = paths.get(store) as string;
    const again = fileStore(path);
    paths.set(again, path);
    return again;
  },
});

describe('fileStore lock', () => {
  it('refuses a second store on the same session in this process, and frees it on close', async () => {
    const path = nextPath();
    const first = fileStore(path);
    expect(() => fileStore(path)).toThrow(
      expect.objectContaining({ reason: 'locked', ownerPid: process.pid }),
    );
    await first.close();
    const second = fileStore(path);
    await second.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('refuses a session held by another live process, naming its pid', async () => {
    const path = nextPath();
    const child = await holdLockInChild(path);
    try {
      let caught: unknown;
      try {
        fileStore(path);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(SessionStoreError);
      expect(caught).toMatchObject({ reason: 'locked', ownerPid: child.pid });
      expect(String((caught as Error).message)).toContain('AUTH_KEY_DUPLICATED');
    } finally {
      await child.stop();
    }
  });

  it('a process that exits without closing its store leaves no lock behind', async () => {
    const path = nextPath();
    const child = spawnTs('lock-holder.ts', [path, 'exit']);
    await exited(child);
    expect(child.exitCode).toBe(0);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('takes over a stale lock left by a dead process', async () => {
    const path = nextPath();
    const pid = await deadPid();
    writeFileSync(
      `${path}.lock`,
      JSON.stringify({ pid, host: (await import('node:os')).hostname(), token: 'old' }),
    );
    const store = fileStore(path);
    expect(JSON.parse(readFileSync(`${path}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
    await store.close();
  });

  it('treats an unreadable lock as stale, and the lock off switch takes none', async () => {
    const path = nextPath();
    writeFileSync(`${path}.lock`, 'garbage');
    const store = fileStore(path);
    const unlocked = fileStore(path, { lock: false });
    await store.save(new Uint8Array([1]));
    expect(await unlocked.load()).toEqual(new Uint8Array([1]));
    await store.close();
    await unlocked.close();
  });
});

describe('fileStore files', () => {
  it('removes temp files a killed writer left behind, and leaves nothing but the session', async () => {
    const path = nextPath();
    writeFileSync(`${path}.tmp-1-abcdef`, 'half a session');
    const store = fileStore(path);
    await store.save(new Uint8Array([7]));
    await store.close();
    const mine = readdirSync(dirname(path)).filter((n) => n.startsWith(path.split('/').pop() as string));
    expect(mine).toEqual([path.split('/').pop()]);
  });

  it('wraps platform failures as SessionStoreError { reason: io }', async () => {
    const store = fileStore('/nonexistent-dir-tgauth/session', { lock: false });
    await expect(store.save(new Uint8Array([1]))).rejects.toMatchObject({ reason: 'io' });
    await store.close();
    await expect(store.load()).rejects.toMatchObject({ reason: 'io' });
  });
});
