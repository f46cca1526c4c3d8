/** adapters/store: where an engine keeps its session (memory, file, SQLite, IndexedDB, encrypted). */
export * from './errors.js';
export type * from './session-store.js';
export * from './memory-store.js';
export * from './file-store.js';
export * from './sqlite-store.js';
export * from './indexed-db-store.js';
export * from './encrypted-store.js';
