/**
 * The unencrypted half of a DC (core.telegram.org/mtproto/transports, core.telegram.org/mtproto/auth_key): a payload whose auth_key_id is zero is
 * a key-exchange message. It is unwrapped, parsed as TL and answered by the DC's `HandshakeServer`:
 *   req_pq_multi#be7e8ef1 / req_pq#60469778 -> resPQ
 *   req_DH_params#d712e4be -> server_DH_params_ok
 *   set_client_DH_params#f5045f1f -> dh_gen_ok | dh_gen_retry | dh_gen_fail
 * Anything else is -404, as on Telegram.
 */
import { deserializeObject, serializeObject, type TlAny } from '../../tl/index.js';
import {
  MsgIdGenerator,
  TransportError,
  unwrapPlainMessage,
  wrapPlainMessage,
  type HandshakeServer,
  type ReqDhParams,
  type ReqPq,
  type ReqPqMulti,
  type ServerExchangedKey,
  type SetClientDhParams,
} from '../../transport/index.js';

/** The answer to one plaintext message, and the key it created (on dh_gen_ok). */
export interface PlainAnswer {
  payload: Uint8Array;
  key?: ServerExchangedKey | undefined;
}

/**
 * Answers one unencrypted message. Throws `TransportError` (-404, or -444 for a dc field naming
 * another DC) when the message is malformed or out of sequence; the caller reports it and closes.
 */
export function answerPlainMessage(
  server: HandshakeServer,
  msgIds: MsgIdGenerator,
  payload: Uint8Array,
): PlainAnswer {
  let request: TlAny;
  try {
    request = deserializeObject(unwrapPlainMessage(payload).body);
  } catch (cause) {
    throw new TransportError(-404, 'handshake message does not parse', { cause });
  }
  let answer: TlAny;
  let key: ServerExchangedKey | undefined;
  switch (request._) {
    case 'req_pq_multi':
    case 'req_pq':
      answer = server.answerReqPq(request as ReqPqMulti | ReqPq);
      break;
    case 'req_DH_params':
      answer = server.answerReqDhParams(request as ReqDhParams);
      break;
    case 'set_client_DH_params': {
      const out = server.answerSetClientDhParams(request as SetClientDhParams);
      answer = out.answer;
      key = out.key;
      break;
    }
    default:
      throw new TransportError(-404, `unexpected unencrypted message ${request._}`);
  }
  // Server msg_ids of answers are 1 mod 4 (core.telegram.org/mtproto/description "Message Identifier (msg_id)").
  return { payload: wrapPlainMessage(msgIds.next(1), serializeObject(answer)), key };
}
