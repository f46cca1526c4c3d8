/**
 * Asking a server for the answer to a request another process sent (sans-IO; the I/O is in
 * connection/recover-answer.ts). An MTProto answer belongs to the session — the auth key and the
 * session_id — not to the connection (core.telegram.org/mtproto/description). With the record a
 * process kept before it sent the request (hold-for-record.ts), this one speaks in the same session,
 * with msg_id and seq_no above the recorded ones, and sends in one container:
 *
 *   msgs_state_req#da69fb52 msg_ids:Vector<long> = MsgsStateReq;
 *   msg_resend_ans_req#8610baeb msg_ids:Vector<long> = MsgResendReq;
 *
 * (core.telegram.org/mtproto/service_messages_about_messages). The verdict:
 * - `answered`: the rpc_result with req_msg_id = the recorded msg_id came back (the method ran once;
 *   here is what it answered, a result or an rpc_error);
 * - `notReceived`: msgs_state_info says 2 or 3 (the server never got it: sending the call again is
 *   its first execution, not a second);
 * - `unknown`: 1 (nothing known: the session or the msg_id was forgotten), a "received" without an
 *   answer it still keeps, a session the server did not know (new_session_created), a seq_no it
 *   refused — the outcome cannot be learnt.
 * "+32 being processed" without "+64" waits: the answer goes to this connection when it is ready.
 */
import type { CryptoProvider, Random } from '../../crypto/index.js';
import type { Clock } from '../clock.js';
import type { RpcError } from '../errors.js';
import { isContainer, packContainer, unpackContainer, type InnerMessage } from './container.js';
import { decryptMessage, encryptMessage, type SessionKey } from './message-crypto.js';
import { MsgIdGenerator } from './msg-id.js';
import { msgResendAnsReq } from './resend-answers.js';
import { decodeResult, isRpcResult, readRpcResult } from './rpc-result.js';
import type { SessionCodec, TlLike } from './session-codec.js';

/** What the takeover knows of the request in flight (from an `OutgoingRecord`). */
export interface InFlightRequest {
  readonly method: string;
  readonly sessionId: bigint;
  readonly msgId: bigint;
  readonly seqNo: number;
  readonly serverSalt: bigint;
  readonly timeOffset: number;
}

export type RecoveredAnswer =
  | { readonly state: 'answered'; readonly result: { ok: true; value: unknown } | { ok: false; error: RpcError } }
  | { readonly state: 'notReceived' }
  | { readonly state: 'unknown'; readonly why: string };

/**
 * Content-related messages the dead process may have sent in the session after the recorded one
 * (keepalive pings, other calls): our seq_no starts this far above the recorded one, so the server's
 * "seq_no too low" check (bad_msg_notification 32) passes. UNVERIFIED: that Telegram accepts a gap
 * in seq_no (the page only says it must not go down for a higher msg_id).
 */
export const SEQ_HEADROOM = 256;
/** Time or salt corrections before the exchange gives up. */
const MAX_RETRIES = 3;

export interface AnswerRecoveryOptions {
  key: SessionKey;
  record: InFlightRequest;
  clock: Clock;
  random: Random;
  crypto: CryptoProvider;
  codec: SessionCodec;
}

/** The client side of the exchange: `request()` is the packet to send, `receive()` reads what came back. */
export class AnswerRecovery {
  private readonly msgIds: MsgIdGenerator;
  private lastId: bigint;
  private salt: bigint;
  private readonly seqNo: number;
  private stateReqId = 0n;
  private readonly sent = new Set<bigint>();
  private promised = false;
  private newSession = false;
  private retries = 0;

  constructor(private readonly o: AnswerRecoveryOptions) {
    this.msgIds = new MsgIdGenerator(o.clock);
    this.msgIds.timeOffset = o.record.timeOffset;
    this.lastId = o.record.msgId;
    this.salt = o.record.serverSalt;
    // Not content-related (even): 2 × (content-related messages before), far above the recorded one.
    this.seqNo = 2 * ((o.record.seqNo >> 1) + 1 + SEQ_HEADROOM);
  }

  /** The packet asking for the recorded answer (again, after a time or salt correction). */
  request(): Uint8Array {
    const id = (): bigint => {
      let next = this.msgIds.next();
      if (next <= this.lastId) next = (this.lastId & ~3n) + 4n;
      this.lastId = next;
      this.sent.add(next);
      return next;
    };
    const { codec, record } = this.o;
    this.stateReqId = id();
    const inner: InnerMessage[] = [
      { msgId: this.stateReqId, seqNo: this.seqNo, body: codec.serialize({ _: 'msgs_state_req', msgIds: [record.msgId] }) },
      { msgId: id(), seqNo: this.seqNo, body: msgResendAnsReq([record.msgId]) },
    ];
    const outer: InnerMessage = { msgId: id(), seqNo: this.seqNo, body: packContainer(inner) };
    return encryptMessage(this.o.key, 'client', { salt: this.salt, sessionId: record.sessionId, ...outer }, this.o.random, this.o.crypto);
  }

  /** Reads one packet: the verdict, `'again'` (send `request()` again), or undefined (keep waiting). */
  receive(payload: Uint8Array): RecoveredAnswer | 'again' | undefined {
    const res = decryptMessage(this.o.key, 'server', payload, this.o.crypto);
    if (!res.ok || res.message.sessionId !== this.o.record.sessionId) return undefined;
    const m = res.message;
    const msgs = isContainer(m.body) ? (unpackContainer(m.body, m.msgId) ?? []) : [m];
    let verdict: RecoveredAnswer | 'again' | undefined;
    for (const msg of msgs) {
      if (isRpcResult(msg.body)) {
        if (msg.body.length < 12) continue; // no req_msg_id: not an answer to anything
        const { reqMsgId, result } = readRpcResult(msg.body);
        if (reqMsgId !== this.o.record.msgId) continue;
        // The answer wins over whatever else the packet says. One that does not decode still says
        // the method ran: unknown, never thrown (the caller reads packets in a stream callback).
        try {
          return { state: 'answered', result: decodeResult(this.o.codec, this.o.record.method, result) };
        } catch {
          return { state: 'unknown', why: 'answer.undecodable' };
        }
      }
      let obj: TlLike;
      try {
        obj = this.o.codec.deserialize(msg.body);
      } catch {
        continue;
      }
      verdict = this.read(obj, msg.msgId) ?? verdict;
    }
    return verdict;
  }

  private read(obj: TlLike, msgId: bigint): RecoveredAnswer | 'again' | undefined {
    switch (obj._) {
      case 'new_session_created':
        // new_session_created#9ec20908: the server did not know the session (forgot it, or never had it).
        this.newSession = true;
        this.salt = obj['serverSalt'] as bigint;
        return undefined;
      case 'msgs_state_info': {
        // msgs_state_info#04deb57d req_msg_id:long info:bytes
        if (obj['reqMsgId'] !== this.stateReqId) return undefined;
        const state = (obj['info'] as Uint8Array)[0] ?? 1;
        if (this.newSession) return { state: 'unknown', why: 'session.unknown' };
        if (state & 64) return this.wait();
        if (state & 32) return this.wait();
        const base = state & 7;
        if (base === 2 || base === 3) return { state: 'notReceived' };
        return { state: 'unknown', why: base === 1 ? 'state.forgotten' : 'state.answerGone' };
      }
      case 'bad_server_salt':
        // bad_server_salt#edab447b bad_msg_id:long bad_msg_seqno:int error_code:int new_server_salt:long
        if (!this.sent.has(obj['badMsgId'] as bigint)) return undefined;
        this.salt = obj['newServerSalt'] as bigint;
        return this.again();
      case 'bad_msg_notification': {
        // bad_msg_notification#a7eff811 bad_msg_id:long bad_msg_seqno:int error_code:int
        if (!this.sent.has(obj['badMsgId'] as bigint)) return undefined;
        const code = obj['errorCode'] as number;
        if (code !== 16 && code !== 17) return { state: 'unknown', why: `bad_msg.${code}` };
        this.msgIds.correctFrom(msgId);
        return this.again();
      }
      default:
        return undefined;
    }
  }

  /** The server has (or is making) the answer: it comes to this connection. */
  private wait(): undefined {
    this.promised = true;
    return undefined;
  }

  private again(): RecoveredAnswer | 'again' {
    return ++this.retries > MAX_RETRIES ? { state: 'unknown', why: 'retries' } : 'again';
  }

  /** Whether the server said the answer exists (or is being made): worth waiting for. */
  get answerPromised(): boolean {
    return this.promised;
  }
}
