/** adapters/react: hooks and a context provider over an auth engine (React 18+, no JSX required). */
export * from './use-auth.js';
export * from './auth-engine-provider.js';
export { shallowEqual } from '../rx/index.js';
