/** Types shared by the client session and its service-message handlers. */
import type { TgauthError } from '../../crypto/index.js';
import type { MsgIdGenerator } from './msg-id.js';
import type { RecentMsgIds } from './recent-msg-ids.js';
import type { SessionCodec, TlLike } from './session-codec.js';
import type { SessionMetrics } from './session-metrics.js';

/** What `receive` resolved. */
export type ClientEvent =
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: TgauthError }
  | { type: 'update'; update: TlLike }
  /** The server created state for this session: updates may have been missed (call getDifference). */
  | { type: 'newSession' };

/** @internal A request the session still owes an answer for. */
export interface PendingRequest {
  id: number;
  method: string;
  body: Uint8Array;
  msgId: bigint | undefined;
  seqNo: number;
  /** 'held': msg_id and seq_no assigned, waiting until the caller recorded them (hold-for-record.ts). */
  state: 'queued' | 'sent' | 'held';
  /** Re-send under the same msg_id/seq_no (after a reconnect) if still inside the window. */
  reuseId: boolean;
  /** Session-internal (rpc_drop_answer, keepalive ping): the answer is consumed, not emitted. */
  internal: boolean;
  wrapped: boolean;
  resends: number;
}

/** What the service-message handlers may touch on the session. */
export interface ServiceHost {
  readonly metrics: SessionMetrics;
  readonly msgIds: MsgIdGenerator;
  readonly options: { readonly codec: SessionCodec };
  readonly requests: Map<number, PendingRequest>;
  readonly byMsgId: Map<bigint, PendingRequest>;
  readonly service: { body: Uint8Array; contentRelated: boolean }[];
  readonly sent: Map<bigint, bigint[]>;
  readonly recent: RecentMsgIds;
  pendingAcks: bigint[];
  serverSalt: bigint;
  synced: boolean;
  timeFixes: number;
  futureSalts: { validSince: number; validUntil: number; salt: bigint }[];
  requeue(requests: Iterable<PendingRequest>, events: ClientEvent[], code: number): void;
  carried(msgId: bigint): PendingRequest[];
  settle(r: PendingRequest, events: ClientEvent[], value: () => ClientEvent): void;
  fail(r: PendingRequest, error: TgauthError, events: ClientEvent[]): void;
  resetSession(events: ClientEvent[]): void;
}
