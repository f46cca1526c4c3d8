import { expect, it } from 'vitest';
import { memoryStore } from '../../../src/adapters/store/index.js';
import { sessionStoreSuite } from '../../conformance/session-store.suite.js';

sessionStoreSuite('memoryStore', { open: () => memoryStore() });

it('memoryStore(initial) starts with a copy of the initial bytes', async () => {
  const initial = new Uint8Array([5, 6]);
  const store = memoryStore(initial);
  initial[0] = 0;
  expect(await store.load()).toEqual(new Uint8Array([5, 6]));
});
