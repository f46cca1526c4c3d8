/**
 * msg_resend_ans_req (core.telegram.org/mtproto/service_messages_about_messages "Explicit Request
 * to Re-Send Answers"):
 *
 *   msg_resend_ans_req#8610baeb msg_ids:Vector<long> = MsgResendReq;
 *
 * "The remote party immediately responds by re-sending answers to the requested messages". The
 * constructor is not in our pinned mtproto.tl (src/tl/schema/mtproto.tl stops at msg_resend_req),
 * so both halves read and write it by hand; its layout is msg_resend_req's with another id.
 */
import { Ids, readLong, readUint, writeInt, writeLong } from './wire.js';

/** msg_resend_ans_req#8610baeb as an unsigned constructor id. */
export const MSG_RESEND_ANS_REQ = 0x8610baeb;

/** Serializes msg_resend_ans_req for `msgIds`. */
export function msgResendAnsReq(msgIds: readonly bigint[]): Uint8Array {
  const out = new Uint8Array(12 + 8 * msgIds.length);
  writeInt(out, 0, MSG_RESEND_ANS_REQ);
  writeInt(out, 4, Ids.vector);
  writeInt(out, 8, msgIds.length);
  msgIds.forEach((id, i) => writeLong(out, 12 + 8 * i, id));
  return out;
}

/** The msg_ids of a msg_resend_ans_req body, or undefined when `body` is not a well-formed one. */
export function readMsgResendAnsReq(body: Uint8Array): bigint[] | undefined {
  if (body.length < 12 || readUint(body, 0) !== MSG_RESEND_ANS_REQ || readUint(body, 4) !== Ids.vector) return undefined;
  const count = readUint(body, 8);
  if (body.length !== 12 + 8 * count) return undefined;
  return Array.from({ length: count }, (_, i) => readLong(body, 12 + 8 * i));
}
