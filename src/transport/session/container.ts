/**
 * msg_container packing and unpacking (core.telegram.org/mtproto/service_messages "Simple Container").
 *
 *   msg_container#73f1f8dc messages:vector<%Message> = MessageContainer;
 *   message msg_id:long seqno:int bytes:int body:Object = Message;
 *
 * Wire: id | count | { msg_id(8) seqno(4) bytes(4) body }*. At most 1024 messages, no nesting,
 * every inner msg_id below the container's; a malformed container is rejected as a whole.
 */
import { Ids, readInt, readLong, readUint, writeInt, writeLong } from './wire.js';

/** One message inside a container (or a lone message). */
export interface InnerMessage {
  msgId: bigint;
  seqNo: number;
  body: Uint8Array;
}

/** The most messages a container may hold. */
export const MAX_CONTAINER_MESSAGES = 1024;

/** Serializes `messages` as a boxed msg_container. */
export function packContainer(messages: readonly InnerMessage[]): Uint8Array {
  let size = 8;
  for (const m of messages) size += 16 + m.body.length;
  const out = new Uint8Array(size);
  writeInt(out, 0, Ids.msgContainer);
  writeInt(out, 4, messages.length);
  let at = 8;
  for (const m of messages) {
    writeLong(out, at, m.msgId);
    writeInt(out, at + 8, m.seqNo);
    writeInt(out, at + 12, m.body.length);
    out.set(m.body, at + 16);
    at += 16 + m.body.length;
  }
  return out;
}

/** True when `body` starts with the msg_container constructor. */
export function isContainer(body: Uint8Array): boolean {
  return body.length >= 4 && readUint(body, 0) === Ids.msgContainer;
}

/**
 * Splits a container body into its messages, or returns `undefined` when it is malformed (too many
 * messages, lengths that overrun or are not multiples of 4, a nested container, an inner msg_id not
 * below `containerMsgId`, trailing bytes).
 */
export function unpackContainer(body: Uint8Array, containerMsgId: bigint): InnerMessage[] | undefined {
  if (body.length < 8 || readUint(body, 0) !== Ids.msgContainer) return undefined;
  const count = readInt(body, 4);
  if (count < 0 || count > MAX_CONTAINER_MESSAGES) return undefined;
  const out: InnerMessage[] = [];
  let at = 8;
  for (let i = 0; i < count; i++) {
    if (at + 16 > body.length) return undefined;
    const msgId = readLong(body, at);
    const seqNo = readInt(body, at + 8);
    const bytes = readInt(body, at + 12);
    if (bytes < 4 || bytes % 4 !== 0 || at + 16 + bytes > body.length) return undefined;
    if (msgId >= containerMsgId) return undefined;
    const inner = body.subarray(at + 16, at + 16 + bytes);
    if (isContainer(inner)) return undefined;
    out.push({ msgId, seqNo, body: inner });
    at += 16 + bytes;
  }
  return at === body.length ? out : undefined;
}
