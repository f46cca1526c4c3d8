/**
 * Client handling of MTProto service messages (core.telegram.org/mtproto/service_messages "Acknowledgment of Receipt", core.telegram.org/mtproto/service_messages_about_messages, core.telegram.org/mtproto/service_messages). Each handler quotes
 * the TL line it reads. Notifications about messages we never sent are dropped (core.telegram.org/mtproto/security_guidelines item 12).
 */
import { TransportError } from '../errors.js';
import type { ClientEvent, PendingRequest, ServiceHost } from './client-types.js';
import type { InnerMessage } from './container.js';
import type { TlLike } from './session-codec.js';
import { countDrop } from './session-metrics.js';

/** bad_msg_notification 16/17 in a row on one session before it is replaced by a new one. */
const MAX_TIME_FIXES = 3;

type Handler = (s: ServiceHost, msg: InnerMessage, obj: TlLike, events: ClientEvent[]) => void;

const handlers: Record<string, Handler> = {
  // bad_server_salt#edab447b bad_msg_id:long bad_msg_seqno:int error_code:int new_server_salt:long
  bad_server_salt(s, _msg, obj, events) {
    const badMsgId = obj['badMsgId'] as bigint;
    if (!s.sent.has(badMsgId)) return countDrop(s.metrics, 'unsolicited');
    s.serverSalt = obj['newServerSalt'] as bigint;
    s.futureSalts = [];
    s.requeue(s.carried(badMsgId), events, 48);
  },

  // bad_msg_notification#a7eff811 bad_msg_id:long bad_msg_seqno:int error_code:int
  bad_msg_notification(s, msg, obj, events) {
    const badMsgId = obj['badMsgId'] as bigint;
    if (!s.sent.has(badMsgId)) return countDrop(s.metrics, 'unsolicited');
    const code = obj['errorCode'] as number;
    const carried = s.carried(badMsgId);
    if (code === 16 || code === 17) {
      // The notification's own msg_id carries the server's clock (core.telegram.org/mtproto/description "Message Identifier (msg_id)" time correction).
      s.msgIds.correctFrom(msg.msgId);
      s.synced = true;
      // Corrected and still refused, again and again: the server's session keeps a time that is not
      // its clock's (its clock stepped back, a failover). A new session starts its msg_ids afresh.
      if (++s.timeFixes >= MAX_TIME_FIXES) s.resetSession(events);
      else s.requeue(carried, events, code);
    } else if (code === 20) s.requeue(carried, events, code);
    else if (code === 32 || code === 33) s.resetSession(events);
    else {
      // 18, 19, 34, 35, 64: our own bug; re-sending the same bytes would fail the same way.
      for (const r of carried) s.fail(r, new TransportError(code, `bad_msg_notification ${code}`), events);
    }
  },

  // new_session_created#9ec20908 first_msg_id:long unique_id:long server_salt:long
  new_session_created(s, _msg, obj, events) {
    s.serverSalt = obj['serverSalt'] as bigint;
    const first = obj['firstMsgId'] as bigint;
    const lost: PendingRequest[] = [];
    for (const r of s.requests.values()) if (r.state === 'sent' && r.msgId !== undefined && r.msgId < first) lost.push(r);
    s.requeue(lost, events, 0);
    events.push({ type: 'newSession' });
  },

  // msgs_ack#62d6b459 msg_ids:Vector<long>: the server has our messages; answers follow.
  msgs_ack() {},

  // pong#347773c5 msg_id:long ping_id:long (sent bare, not in rpc_result)
  pong(s, _msg, obj, events) {
    const r = s.byMsgId.get(obj['msgId'] as bigint);
    if (r && r.state === 'sent') s.settle(r, events, () => ({ type: 'result', id: r.id, value: obj }));
  },

  // future_salts#ae500895 req_msg_id:long now:int salts:vector<future_salt> (bare, carries its req_msg_id)
  future_salts(s, _msg, obj, events) {
    const salts = (obj['salts'] as { validSince: number; validUntil: number; salt: bigint }[]).map((f) => ({
      validSince: f.validSince,
      validUntil: f.validUntil,
      salt: f.salt,
    }));
    s.futureSalts = salts.sort((a, b) => a.validSince - b.validSince);
    const r = s.byMsgId.get(obj['reqMsgId'] as bigint);
    if (r && r.state === 'sent') s.settle(r, events, () => ({ type: 'result', id: r.id, value: obj }));
  },

  // msgs_state_req#da69fb52 msg_ids:Vector<long> -> msgs_state_info#04deb57d req_msg_id:long info:bytes
  msgs_state_req(s, msg, obj) {
    const ids = obj['msgIds'] as bigint[];
    const info = new Uint8Array(ids.length);
    ids.forEach((id, i) => {
      if (s.recent.has(id)) info[i] = 4;
      else if (id > s.recent.highest) info[i] = 3;
      else if (id < s.recent.lowest) info[i] = 1;
      else info[i] = 2;
    });
    s.service.push({ body: s.options.codec.serialize({ _: 'msgs_state_info', reqMsgId: msg.msgId, info }), contentRelated: false });
  },

  // msg_detailed_info#276d3ec6 msg_id:long answer_msg_id:long bytes:int status:int
  msg_detailed_info: askForAnswer,
  // msg_new_detailed_info#809db6df answer_msg_id:long bytes:int status:int
  msg_new_detailed_info: askForAnswer,

  // msg_resend_req#7d861a08 msg_ids:Vector<long>: re-send under new ids (never the same msg_id).
  msg_resend_req(s, _msg, obj, events) {
    const rs: PendingRequest[] = [];
    for (const id of obj['msgIds'] as bigint[]) {
      const r = s.byMsgId.get(id);
      if (r && r.state === 'sent') rs.push(r);
    }
    s.requeue(rs, events, 0);
  },

  destroy_session_ok() {},
  destroy_session_none() {},
  msgs_all_info() {},
};

/** An answer exists on the server: ack it if we have it, ask for it otherwise. */
function askForAnswer(s: ServiceHost, _msg: InnerMessage, obj: TlLike): void {
  const answer = obj['answerMsgId'] as bigint;
  if (s.recent.has(answer)) s.pendingAcks.push(answer);
  else s.service.push({ body: s.options.codec.serialize({ _: 'msg_resend_req', msgIds: [answer] }), contentRelated: false });
}

/** Handles `obj` if it is a service message; returns false for anything else (an update). */
export function handleServiceMessage(s: ServiceHost, msg: InnerMessage, obj: TlLike, events: ClientEvent[]): boolean {
  // Own properties only: a hostile constructor name like "toString" must not reach Object.prototype.
  if (!Object.hasOwn(handlers, obj._)) return false;
  handlers[obj._]!(s, msg, obj, events);
  return true;
}
