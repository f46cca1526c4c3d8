/** adapters/vue: composables over an auth engine (Vue 3.3+). */
export * from './use-auth.js';
export { shallowEqual } from '../rx/index.js';
