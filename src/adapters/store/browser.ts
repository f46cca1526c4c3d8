/**
 * The browser-safe door of store/: the stores a page can use (memory, IndexedDB, encrypted on top
 * of either), without the Node file and SQLite stores. Node code uses index.ts.
 */
export type * from './session-store.js';
export * from './memory-store.js';
export * from './indexed-db-store.js';
export * from './encrypted-store.js';
