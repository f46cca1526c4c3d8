/** What the HTTP routes need from a worker (kept apart so routes and worker do not import each other). */
import type { DcSelection } from '../../machines/index.js';
import type { CommandOutcome, VersionedView } from './flow-outcome.js';
import type { FlowHost } from './flow-host.js';
import type { Sealer } from './sealer.js';
import type { FlowStorage } from './storage/flow-storage.js';

/** Limits that protect the operator's api_id (fixed windows, shared by all workers). */
export interface ServiceLimits {
  /** New flows per client IP per minute. Default 30. */
  flowsPerIpPerMinute?: number;
  /** Codes sent (phone.submit, code.resend) per phone per hour. Default 5. */
  codesPerPhonePerHour?: number;
  /** Request body limit in bytes. Default 16 KiB. */
  bodyBytes?: number;
}

/** Internal surface the HTTP routes use. */
export interface ServiceCore {
  readonly storage: FlowStorage;
  readonly sealer: Sealer;
  readonly host: FlowHost;
  readonly apiKey: string;
  readonly limits: Required<ServiceLimits>;
  readonly pollMs: number;
  /** The DCs the engines use (session strings carry the home DC's address). */
  readonly dcs: DcSelection;
  readonly apiId: number;
  /** Origins whose pages may call the API (CORS); empty: none. */
  readonly corsOrigins: readonly string[];
  /** Open SSE streams' closers (ended when the worker stops). */
  readonly streams: Set<() => void>;
  now(): number;
  createFlow(init: { phone?: string; qr?: boolean }): Promise<{ flowId: string; token: string } & VersionedView>;
  submit(flowId: string, idemId: string, command: Record<string, unknown>): Promise<CommandOutcome>;
  /** Deletes a flow wherever it is live: its owner cancels a pending code first. */
  deleteFlow(flowId: string): Promise<void>;
}
