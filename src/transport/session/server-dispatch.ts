/**
 * Server dispatch of one accepted message (docs/ARCHITECTURE.md "The simulator" steps 6–7): service messages are answered
 * here, RPCs are unwrapped (invokeWithLayer / initConnection / invokeAfterMsg, recorded on the key)
 * and run through `handle`, then answered with rpc_result#f35c6d01 req_msg_id:long result:Object.
 */
import { TlDecodeError } from '../../tl/index.js';
import { RpcError } from '../errors.js';
import type { InnerMessage } from './container.js';
import { unwrapRequest } from './init-connection.js';
import { packRpcResult } from './rpc-result.js';
import { readMsgResendAnsReq } from './resend-answers.js';
import type { TlLike } from './session-codec.js';
import type { DispatchHost as ServerSessionHandler, ServerKeyState } from './server-types.js';
import type { OutgoingBody, ServerSession } from './server-session.js';
import { isContentRelated } from './seq-no.js';
import { countDrop } from './session-metrics.js';
import { Ids, readUint } from './wire.js';

/** Handles `msg`; pushes synchronous answers to `out`, returns a promise for an RPC in flight. */
export function dispatchServerMessage(
  h: ServerSessionHandler,
  ks: ServerKeyState,
  s: ServerSession,
  msg: InnerMessage,
  out: OutgoingBody[],
  conn: { scheduleDisconnect(delaySeconds: number): void },
): Promise<void> | undefined {
  const { codec } = h.options;
  if (readUint(msg.body, 0) === Ids.msgsAck) return undefined;
  const resend = readMsgResendAnsReq(msg.body);
  if (resend) {
    // "re-sending answers to the requested messages": those we still keep; the others are ignored,
    // as for msg_resend_req (a running request's answer goes to this connection once it is ready).
    for (const id of resend) {
      const cached = s.answers.get(id);
      if (cached) out.push({ body: cached, contentRelated: true, response: true });
    }
    return undefined;
  }
  let obj: TlLike;
  try {
    obj = codec.deserialize(msg.body);
  } catch (e) {
    // An undecodable request still gets an answer, so the client does not wait forever.
    if (isContentRelated(msg.seqNo)) answer(s, msg.msgId, rpcErrorBody(h, 400, undecodableRequestError(e)));
    else countDrop(h.metrics, 'decode');
    return undefined;
  }
  // Wrappers first (recorded on the key), so a wrapped service method is still answered here.
  const { query, layer, init } = unwrapRequest(obj);
  if (layer !== undefined) ks.layer = layer;
  if (init) ks.initConnection = init;
  obj = query;
  const reply = (o: TlLike) => out.push({ body: codec.serialize(o), contentRelated: false, response: true });
  const now = Math.floor(h.now());
  switch (obj._) {
    case 'ping': // ping#7abe77ec ping_id:long = Pong; answered bare
      reply({ _: 'pong', msgId: msg.msgId, pingId: obj['pingId'] });
      return undefined;
    case 'ping_delay_disconnect': // ping_delay_disconnect#f3427b8c ping_id:long disconnect_delay:int
      conn.scheduleDisconnect(obj['disconnectDelay'] as number);
      reply({ _: 'pong', msgId: msg.msgId, pingId: obj['pingId'] });
      return undefined;
    case 'get_future_salts': // answered with a bare future_salts carrying its own req_msg_id
      reply({ _: 'future_salts', reqMsgId: msg.msgId, now, salts: ks.salts.future(h.now(), obj['num'] as number) });
      return undefined;
    case 'msgs_state_req': {
      // msgs_state_info#04deb57d req_msg_id:long info:bytes
      const ids = obj['msgIds'] as bigint[];
      reply({ _: 'msgs_state_info', reqMsgId: msg.msgId, info: Uint8Array.from(ids, (id) => msgState(s, id)) });
      return undefined;
    }
    case 'rpc_drop_answer': {
      // rpc_drop_answer#58e4a740 req_msg_id:long -> rpc_answer_unknown / rpc_answer_dropped_running
      const target = obj['reqMsgId'] as bigint;
      const running = s.running.has(target);
      if (running) s.running.set(target, true);
      const result = codec.serialize({ _: running ? 'rpc_answer_dropped_running' : 'rpc_answer_unknown' });
      answer(s, msg.msgId, result);
      return undefined;
    }
    case 'destroy_session': {
      // Answered bare, like future_salts: the answer names its session, and clients match it as a
      // service message (mtcute logs an rpc_result for destroy_session as an error and drops it).
      const target = obj['sessionId'] as bigint;
      const existed = target !== s.id && ks.sessions.delete(target);
      reply({ _: existed ? 'destroy_session_ok' : 'destroy_session_none', sessionId: target });
      return undefined;
    }
    case 'msgs_state_info':
    case 'msg_resend_req':
    case 'msgs_all_info':
    case 'http_wait':
      return undefined;
  }
  return runRpc(h, ks, s, msg.msgId, obj);
}

/**
 * One status byte of msgs_state_info (core.telegram.org/mtproto/service_messages_about_messages
 * "Request for Message Status Information"): 1 nothing known (older than anything the session
 * remembers: its first message, or the received-id window), 2 not received (within that range),
 * 3 not received (msg_id above every one received), 4 received; +32 its RPC is being or was
 * processed, +64 its answer was generated (and is kept, so msg_resend_ans_req gets it). A message
 * still in the window whose answer is no longer kept is only "4": its outcome cannot be re-sent.
 */
export function msgState(s: ServerSession, id: bigint): number {
  if (s.answers.has(id)) return 4 | 32 | 64;
  if (s.running.has(id)) return 4 | 32;
  if (s.recent.has(id)) return 4;
  if (id < s.firstMsgId || id < s.recent.lowest) return 1;
  return id > s.maxMsgId ? 3 : 2;
}

async function runRpc(h: ServerSessionHandler, ks: ServerKeyState, s: ServerSession, msgId: bigint, request: TlLike): Promise<void> {
  s.running.set(msgId, false);
  let result: Uint8Array;
  try {
    const value = await h.options.handle(request, { keyState: ks, session: s, msgId });
    result = encodeAnswer(h, request._, value);
  } catch (error) {
    result =
      error instanceof RpcError ? rpcErrorBody(h, error.code, error.text) : rpcErrorBody(h, 500, 'INTERNAL_SERVER_ERROR');
  }
  const dropped = s.running.get(msgId) === true;
  s.running.delete(msgId);
  if (!dropped) answer(s, msgId, result);
}

function encodeAnswer(h: ServerSessionHandler, method: string, value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof RpcError) return rpcErrorBody(h, value.code, value.text);
  if (typeof value === 'object' && value !== null && '_' in value) return h.options.codec.serialize(value as TlLike);
  // Bare vectors, Bool and other non-object results need the method's declared type.
  return h.options.codec.serializeResult(method, value);
}

function rpcErrorBody(h: ServerSessionHandler, errorCode: number, errorMessage: string): Uint8Array {
  return h.options.codec.serialize({ _: 'rpc_error', errorCode, errorMessage });
}

/** Sends rpc_result (content-related) and caches it for duplicates of `reqMsgId`. */
function answer(s: ServerSession, reqMsgId: bigint, result: Uint8Array): void {
  const body = packRpcResult(reqMsgId, result);
  s.remember(reqMsgId, body);
  s.send([{ body, contentRelated: true, response: true }]);
}

/**
 * The error text for a request that did not decode. A method ID the server does not know (at the top or as
 * a wrapper's `query:!X`) gets what Telegram answers for one: `INPUT_METHOD_INVALID_<id>_<n>` with the
 * ID as an unsigned decimal, as clients report it (e.g. `INPUT_METHOD_INVALID_1953719668_…` for the
 * bytes "test"). UNVERIFIED: Telegram does not document the trailing number; we send 0.
 * Anything else that fails to decode is INPUT_FETCH_ERROR.
 */
export function undecodableRequestError(e: unknown): string {
  const atMethod =
    e instanceof TlDecodeError &&
    e.constructorId !== undefined &&
    (e.expected === 'a constructor of !X' || (e.expected === 'a known constructor' && e.offset === 0));
  return atMethod ? `INPUT_METHOD_INVALID_${e.constructorId! >>> 0}_0` : 'INPUT_FETCH_ERROR';
}
