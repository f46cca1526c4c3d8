/**
 * The answers a server session keeps by the client's msg_id (core.telegram.org/mtproto/description,
 * core.telegram.org/mtproto/service_messages_about_messages): a request re-sent with the same
 * msg_id after a reconnect is answered from here instead of being run again, msgs_state_req reports
 * "+64 content-related response already generated" for them, and msg_resend_ans_req sends them
 * again — also to another connection of the same session (a client that lost its process and came
 * back with the same auth key and session_id).
 *
 * Bounded in count and in time. UNVERIFIED: Telegram does not document how long a session keeps
 * its answers; we keep them as long as the message they answer could still be accepted (its
 * msg_id within 300 s of the server's time, core.telegram.org/mtproto/description "Message
 * Identifier (msg_id)"), and at most `maxCount` per session. Past that, msgs_state_req says
 * "nothing is known" only once the msg_id also left the received-id window; a client must then
 * treat the request's outcome as unknown.
 */
import type { Clock } from '../clock.js';

/** Default bounds of one session's answer cache. */
export const ANSWER_CACHE_SIZE = 2048;
export const ANSWER_TTL_MS = 300_000;

/** A session's boxed rpc_results by the client msg_id they answer, oldest first. */
export class ServerAnswers {
  private readonly entries = new Map<bigint, { body: Uint8Array; at: number }>();

  constructor(
    private readonly clock: Clock,
    readonly maxCount = ANSWER_CACHE_SIZE,
    readonly ttlMs = ANSWER_TTL_MS,
  ) {}

  /** The rpc_result stored for `msgId`, while it is kept. */
  get(msgId: bigint): Uint8Array | undefined {
    this.expire();
    return this.entries.get(msgId)?.body;
  }

  has(msgId: bigint): boolean {
    return this.get(msgId) !== undefined;
  }

  /** Stores the rpc_result for `msgId`, forgetting the oldest beyond the bounds. */
  set(msgId: bigint, rpcResult: Uint8Array): void {
    this.entries.delete(msgId);
    this.entries.set(msgId, { body: rpcResult, at: this.clock.now() });
    while (this.entries.size > this.maxCount) this.entries.delete(this.entries.keys().next().value!);
    this.expire();
  }

  /** How many answers are kept now. */
  get size(): number {
    this.expire();
    return this.entries.size;
  }

  private expire(): void {
    const cutoff = this.clock.now() - this.ttlMs;
    for (const [id, e] of this.entries) {
      if (e.at >= cutoff) break;
      this.entries.delete(id);
    }
  }
}
