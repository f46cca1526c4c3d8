/**
 * machines/ for a page (`tgauth/machines` and `tgauth` under the `browser` condition): the API of
 * index.ts without linking the QR, passkey and token-login (bot, web token) flows. The engine loads each of them with `import()`
 * when the user or the server chooses it (auth/flow-modules.ts), so a bundler splits them into
 * chunks of their own and the first chunk carries the phone-code and password flows only (issue 26).
 * Their types stay available: `export type` costs no bytes.
 */
export * from './engine/index.js';
export * from './auth/index.js';
export * from './session/index.js';
export * from './phone-login/index.js';
export * from './password/index.js';
export type * from './qr-login/index.js';
export type * from './token-login/index.js';
export type * from './passkey-login/index.js';
export * from './firebase-pnv-login/index.js';
export * from './flow-kit/index.js';
export * from './dc-link/index.js';
export * from './dc-key/index.js';
export * from './core/index.js';
// The side tables of the flows loaded on demand (their doors leave them out, see auth/flow-modules.ts).
export * from './qr-login/descriptions.js';
export * from './token-login/bot-login.descriptions.js';
export * from './token-login/web-token-login.descriptions.js';
export * from './passkey-login/descriptions.js';
