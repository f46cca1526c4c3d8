/**
 * adapters/service (`tgauth/service`): the durable login service — `createLoginService` (one
 * worker: HTTP API on Fastify, flows on SQLite or PostgreSQL) and its storage pieces. Node only;
 * browsers talk to it through `remoteAuthEngine` (`tgauth/remote`).
 */
export { createLoginService, type LoginService, type LoginServiceOptions, type LoginServiceStats, type ServiceLimits } from './login-service.js';
export type { HostStats } from './flow-host.js';
export type { CommandOutcome, VersionedView } from './flow-outcome.js';
export { ServiceError, type ServiceErrorReason } from './errors.js';
export { createSealer, SERVICE_KEY_ENV, type Sealer } from './sealer.js';
export { FlowStorage, type FlowRecord, type CommandRecord } from './storage/flow-storage.js';
export { openSqliteDriver } from './storage/sqlite-driver.js';
export { openPgDriver } from './storage/pg-driver.js';
export type { SqlDriver } from './storage/sql-driver.js';
export { SCHEMA_VERSION } from './storage/migrations.js';
