/** The auth key exchange (core.telegram.org/mtproto/auth_key): pure client steps, the server half, and plaintext framing. */
export * from './handshake-types.js';
export * from './handshake-kdf.js';
export * from './hashed-payload.js';
export * from './plain-message.js';
export * from './client-state.js';
export * from './client-checks.js';
export * from './client-steps.js';
export * from './server-pq.js';
export * from './server-state.js';
export * from './server-options.js';
export * from './server-steps.js';
