/**
 * flow-kit/: what the login flows and the root machine share: UI commands and their sealing, the
 * `AuthView` types, error mapping (`AuthError`), sent-code routing, the RPC call helper, the
 * machine helpers, and what every flow does with an authorization. Uses core/ only.
 */
export * from './auth-error.js';
export type * from './auth-view.js';
export * from './call-rpc.js';
export * from './commands.js';
export * from './login-results.js';
export * from './machine-helpers.js';
export * from './sent-code.js';
export * from './error-messages.js';
export * from './check-input.js';
export * from './lazy-logic.js';
export * from './qr-link.js';
