/**
 * Conformance suite every SessionStore implementation passes (memory, file, SQLite, encrypted,
 * later IndexedDB in the browser). `open()` returns a fresh, empty store; `reopen()` (for
 * persistent stores) opens the same session again after `close()`, as a restarted process would.
 */
import { describe, expect, it } from 'vitest';
import type { SessionStore } from '../../src/adapters/store/index.js';

export interface SessionStoreHarness<S extends SessionStore> {
  open(): Promise<S> | S;
  close?(store: S): Promise<void>;
  reopen?(store: S): Promise<S> | S;
}

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);

function pattern(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed * 7 + (i >> 8)) & 0xff;
  return out;
}

/** Byte-exact comparison that stays fast on megabytes (deep equality on typed arrays is not). */
function expectBytes(actual: Uint8Array | undefined, expected: Uint8Array): void {
  expect(actual).toBeInstanceOf(Uint8Array);
  expect(actual?.length).toBe(expected.length);
  const firstDiff = expected.findIndex((b, i) => actual?.[i] !== b);
  expect(firstDiff).toBe(-1);
}

export function sessionStoreSuite<S extends SessionStore>(
  name: string,
  harness: SessionStoreHarness<S>,
): void {
  const withStore = (fn: (store: S) => Promise<void>) => async () => {
    const store = await harness.open();
    try {
      await fn(store);
    } finally {
      await harness.close?.(store);
    }
  };

  describe(`SessionStore conformance: ${name}`, () => {
    it(
      'starts empty',
      withStore(async (store) => {
        expect(await store.load()).toBeUndefined();
      }),
    );

    it(
      'loads what was saved, as a plain Uint8Array',
      withStore(async (store) => {
        await store.save(bytes(1, 2, 3));
        const loaded = await store.load();
        expect(loaded?.constructor).toBe(Uint8Array);
        expect(loaded).toEqual(bytes(1, 2, 3));
      }),
    );

    it(
      'keeps an empty session distinct from no session',
      withStore(async (store) => {
        await store.save(new Uint8Array(0));
        expect(await store.load()).toEqual(new Uint8Array(0));
      }),
    );

    it(
      'replaces on save and forgets on clear',
      withStore(async (store) => {
        await store.save(pattern(300, 1));
        await store.save(pattern(20, 2));
        expect(await store.load()).toEqual(pattern(20, 2));
        await store.clear();
        expect(await store.load()).toBeUndefined();
        await store.clear(); // clearing nothing is fine
        expect(await store.load()).toBeUndefined();
      }),
    );

    it(
      'stores a large session byte-exact (1 MiB, every byte value)',
      withStore(async (store) => {
        const big = pattern(1 << 20, 3);
        await store.save(big);
        expectBytes(await store.load(), big);
      }),
    );

    it(
      'is not aliased to the caller: mutating inputs or results changes nothing',
      withStore(async (store) => {
        const input = bytes(9, 9, 9);
        const saving = store.save(input);
        input[0] = 0; // before the save has even run
        await saving;
        input[1] = 0;
        const first = await store.load();
        expect(first).toEqual(bytes(9, 9, 9));
        first?.fill(0);
        expect(await store.load()).toEqual(bytes(9, 9, 9));
      }),
    );

    it(
      'applies un-awaited operations in call order: the last save wins',
      withStore(async (store) => {
        const ops = [
          store.save(bytes(1)),
          store.save(bytes(2)),
          store.clear(),
          store.save(bytes(3)),
          store.save(bytes(4)),
        ];
        const loaded = store.load();
        await Promise.all(ops);
        expect(await loaded).toEqual(bytes(4));
      }),
    );

    if (harness.reopen) {
      const reopen = harness.reopen.bind(harness);
      it('survives a restart (close and reopen)', async () => {
        const store = await harness.open();
        await store.save(pattern(4096, 5));
        const again = await reopen(store);
        try {
          expect(await again.load()).toEqual(pattern(4096, 5));
          await again.clear();
          const third = await reopen(again);
          try {
            expect(await third.load()).toBeUndefined();
          } finally {
            await harness.close?.(third);
          }
        } finally {
          await harness.close?.(again).catch(() => undefined);
        }
      });
    }
  });
}
