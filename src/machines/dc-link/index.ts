/**
 * dc-link/: the per-DC link between the engine and the transport: one connection and one key
 * machine per DC, RPC over it (`transportRpc`), which DC to dial (`dcSelection`, the DC table),
 * reconnects with backoff. Uses dc-key/ and core/.
 */
export * from './transport-rpc.js';
export * from './dc-selection.js';
export * from './dc-table.js';
