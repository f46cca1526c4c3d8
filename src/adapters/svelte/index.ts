/** adapters/svelte: stores over an auth engine (the engine itself also satisfies the store contract). */
export * from './auth-store.js';
export { shallowEqual } from '../rx/index.js';
