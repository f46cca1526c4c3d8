/**
 * Per-session state of the server half (docs/ARCHITECTURE.md "The simulator"): seq_no and msg_id generators, the
 * received-id window, the short cache of answers by client msg_id (so a request re-sent after a
 * reconnect is answered, not executed twice), and the connection currently carrying the session.
 * Messages for a session with no live connection wait in its outbox for the next one.
 */
import type { Clock } from '../clock.js';
import type { InnerMessage } from './container.js';
import { packContainer } from './container.js';
import { MsgIdGenerator } from './msg-id.js';
import { RecentMsgIds } from './recent-msg-ids.js';
import type { SessionCodec } from './session-codec.js';
import { SeqNo } from './seq-no.js';
import { ServerAnswers } from './server-answers.js';

/** One outgoing message before msg_id/seq_no are assigned. */
export interface OutgoingBody {
  body: Uint8Array;
  contentRelated: boolean;
  /** An answer to a client message (msg_id 1 mod 4) rather than a push (3 mod 4). */
  response: boolean;
}

/** Encrypts and writes one plaintext message for a session. */
export type SessionWriter = (sessionId: bigint, message: InnerMessage) => void;

export class ServerSession {
  readonly msgIds: MsgIdGenerator;
  readonly seq = new SeqNo();
  readonly recent = new RecentMsgIds(8192);
  /** Client msg_id -> boxed rpc_result already sent for it (bounded: server-answers.ts). */
  readonly answers: ServerAnswers;
  /** The lowest client msg_id of the packet that created the session: nothing older is known. */
  firstMsgId = 0n;
  /** Client msg_ids whose handler is still running; `true` once rpc_drop_answer asked to drop it. */
  readonly running = new Map<bigint, boolean>();
  /** Highest client msg_id seen and its seq_no (for the 32/33 checks). */
  maxMsgId = 0n;
  maxSeqNo = -1;
  pendingAcks: bigint[] = [];
  writer: SessionWriter | undefined;
  private readonly outbox: OutgoingBody[] = [];

  constructor(
    readonly id: bigint,
    clock: Clock,
    private readonly codec: SessionCodec,
    /** The auth key this session lives on. */
    readonly keyAuthId: bigint,
  ) {
    // Follows its clock back: after a step, its 16/17 notifications must tell clients the new time.
    this.msgIds = new MsgIdGenerator(clock, { authority: true });
    this.answers = new ServerAnswers(clock);
  }

  /** Routes the session to a connection and flushes what waited for one. */
  attach(writer: SessionWriter): void {
    if (this.writer === writer) return;
    this.writer = writer;
    if (this.outbox.length > 0) this.send(this.outbox.splice(0));
  }

  /** Stores an answer for duplicate requests and msg_resend_ans_req (bounded: server-answers.ts). */
  remember(reqMsgId: bigint, rpcResult: Uint8Array): void {
    this.answers.set(reqMsgId, rpcResult);
  }

  /** Sends bodies (with pending acks piggy-backed) as one message or one container. */
  send(bodies: OutgoingBody[]): void {
    if (!this.writer) {
      this.outbox.push(...bodies);
      return;
    }
    const msgs: InnerMessage[] = bodies.map((b) => ({
      msgId: this.msgIds.next(b.response ? 1 : 3),
      seqNo: this.seq.next(b.contentRelated),
      body: b.body,
    }));
    if (this.pendingAcks.length > 0) {
      const body = this.codec.serialize({ _: 'msgs_ack', msgIds: this.pendingAcks.splice(0, 8192) });
      msgs.push({ msgId: this.msgIds.next(3), seqNo: this.seq.next(false), body });
    }
    if (msgs.length === 0) return;
    if (msgs.length === 1) this.writer(this.id, msgs[0]!);
    else this.writer(this.id, { msgId: this.msgIds.next(3), seqNo: this.seq.next(false), body: packContainer(msgs) });
  }
}
