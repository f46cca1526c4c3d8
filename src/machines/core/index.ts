/**
 * core/: what every machine and the per-DC link may use: the engine's error class, the ports the
 * host provides (`SessionStore`, `AuthRpc`, hosts for Firebase, payment and passkeys), sealed
 * secrets, the system-wide dependency lookup, and the description side tables' helper.
 * It imports nothing from the other machine folders.
 */
export * from './errors.js';
export type * from './ports.js';
export * from './sealed.js';
export * from './secret.js';
export * from './system-deps.js';
export * from './describe-machine-config.js';
