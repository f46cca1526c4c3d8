/**
 * Record before send: a request that must never run twice (a login code sent, a sign-in) is given
 * its msg_id and seq_no first, held, and sent only once the caller has recorded where it goes —
 * the auth key, the session_id, the msg_id (core.telegram.org/mtproto/description). An MTProto
 * answer belongs to the session, not to the TCP connection: a process that takes over after this
 * one died can reconnect with the same key and session_id and ask the server for the answer to
 * that msg_id (msgs_state_req, msg_resend_ans_req: core.telegram.org/mtproto/
 * service_messages_about_messages) instead of calling the method again (answer-recovery.ts).
 *
 * Every time the session would give a recorded method a new msg_id (its first send, a re-send
 * after bad_server_salt or a new session) it is held and recorded again; a re-send under the same
 * msg_id after a reconnect is not, the record still names it.
 */
import type { Clock } from '../clock.js';
import type { DcAddress } from '../ports.js';
import type { ClientSession } from './client-session.js';
import { REUSE_WINDOW_SECONDS } from './client-session.js';
import { unwrapRequest } from './init-connection.js';
import { msgIdSeconds } from './msg-id.js';
import type { TlLike } from './session-codec.js';

/** Where one request is about to go: enough to ask the server for its answer from another process. */
export interface OutgoingRecord {
  /** The DC it goes to (where to ask for its answer). */
  readonly dc: DcAddress;
  readonly method: string;
  /** The request as the caller made it (without invokeWithLayer/initConnection); for the caller only. */
  readonly request: TlLike;
  /** The auth key the session runs on (a bound temp key with PFS): a secret, seal it at rest. */
  readonly authKey: Uint8Array;
  readonly serverSalt: bigint;
  /** Seconds from the local clock to the server's (msg_id time correction). */
  readonly timeOffset: number;
  readonly sessionId: bigint;
  readonly msgId: bigint;
  readonly seqNo: number;
}

/** The caller's side of record before send. */
export interface SendRecorder {
  /** Method names (`auth.sendCode`, …) that are recorded before they are sent. */
  readonly methods: ReadonlySet<string>;
  /**
   * Records `r` durably. `true`: send it; `false`: never send it (the caller may no longer act,
   * e.g. its lease was taken over); a rejection counts as `false`.
   */
  record(r: OutgoingRecord): Promise<boolean>;
  /** How long a record may take; past it the request goes out unrecorded (as without a recorder). Default 5 s. */
  readonly timeoutMs?: number;
}

const DEFAULT_RECORD_TIMEOUT_MS = 5_000;

/**
 * Holds every queued request of `recorder.methods` that the next flush would send under a new
 * msg_id: assigns its msg_id and seq_no now, asks `recorder` to record them, and calls `resume`
 * (which flushes) once it may go. Call before each flush; other requests are not delayed.
 */
export function holdForRecord(session: ClientSession, recorder: SendRecorder, dc: DcAddress, clock: Clock, resume: () => void): void {
  const now = session.msgIds.serverNow();
  for (const r of session.requests.values()) {
    if (r.state !== 'queued' || !recorder.methods.has(r.method)) continue;
    if (r.reuseId && r.msgId !== undefined && now - msgIdSeconds(r.msgId) < REUSE_WINDOW_SECONDS) continue;
    if (r.msgId !== undefined) session.byMsgId.delete(r.msgId);
    const msgId = session.msgIds.next();
    r.msgId = msgId;
    r.seqNo = session.seq.next(true);
    r.state = 'held';
    session.byMsgId.set(msgId, r);
    const sessionId = session.sessionId;
    const { query } = unwrapRequest(session.options.codec.deserialize(r.body));
    const record: OutgoingRecord = {
      dc,
      method: r.method,
      request: query,
      authKey: session.options.key.key,
      serverSalt: session.serverSalt,
      timeOffset: session.msgIds.timeOffset,
      sessionId,
      msgId,
      seqNo: r.seqNo,
    };
    let settled = false;
    const release = (send: boolean): void => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      // Cancelled meanwhile, or not to be sent: it stays out of the session's queue.
      if (!send || session.requests.get(r.id) !== r || r.state !== 'held') return;
      r.state = 'queued';
      // Sent under the recorded msg_id, unless the session changed under it (then recorded anew).
      r.reuseId = session.sessionId === sessionId;
      resume();
    };
    const timer = clock.setTimeout(() => release(true), recorder.timeoutMs ?? DEFAULT_RECORD_TIMEOUT_MS);
    recorder.record(record).then(release, () => release(false));
  }
}
