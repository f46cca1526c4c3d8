/**
 * engine/: `createAuthEngine` and what it wires together: the ports from the host, the root actor,
 * the per-DC link, the durable pending-login record, and the `AuthView` derived from the root and
 * its active child. The top of machines/: it may use every other folder; none uses it.
 */
export * from './create-auth-engine.js';
export * from './auth-view-of.js';
export * from './machine-descriptions.js';
