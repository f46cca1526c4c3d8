/**
 * The browser-safe door of crypto/: what a page may import without pulling node:crypto or
 * worker_threads into its bundle. Node code uses index.ts.
 */
export * from './web-crypto.js';
