/** Counters kept by a session. Drop reasons are local diagnostics: the peer never learns them. */
import type { DropReason } from './message-crypto.js';

export interface SessionMetrics {
  /** Messages received and accepted. */
  received: number;
  /** Packets sent. */
  sent: number;
  /** Messages dropped by a decrypt or session check (any reason). */
  dropped: number;
  /** The same drops by reason. */
  droppedBy: Partial<Record<DropReason, number>>;
  /** Requests re-sent (after bad_server_salt, bad_msg_notification, reconnect...). */
  resent: number;
}

export function newMetrics(): SessionMetrics {
  return { received: 0, sent: 0, dropped: 0, droppedBy: {}, resent: 0 };
}

export function countDrop(m: SessionMetrics, reason: DropReason): void {
  m.dropped++;
  m.droppedBy[reason] = (m.droppedBy[reason] ?? 0) + 1;
}
