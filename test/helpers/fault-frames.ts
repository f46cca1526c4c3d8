/**
 * Frame counters for the fault proxy: where, in the bytes a server sends, each frame ends. The proxy
 * uses them to black-hole a connection right after its N-th server frame (e.g. after the three
 * answers of a key exchange), whatever sizes the chunks arrive in.
 *
 * - `mtprotoFrames('intermediate' | 'abridged')`: plain MTProto framing, server to client
 *   (https://core.telegram.org/mtproto/mtproto-transports). Padded intermediate has the same header.
 * - `webSocketFrames()`: the HTTP upgrade answer, then WebSocket frames (RFC 6455 §5.2); the server
 *   sends one frame per MTProto packet, and what it carries is obfuscated, so frames are counted here.
 */

/** Feeds server bytes in order; returns the offsets inside `chunk` just past each frame that ended in it. */
export interface FrameCounter {
  feed(chunk: Uint8Array): number[];
}

/** MTProto frames of a plain codec, server to client. */
export function mtprotoFrames(kind: 'intermediate' | 'abridged'): FrameCounter {
  const header: number[] = [];
  let remaining = 0;
  return {
    feed(chunk) {
      const ends: number[] = [];
      let i = 0;
      while (i < chunk.length) {
        if (remaining > 0) {
          const take = Math.min(remaining, chunk.length - i);
          remaining -= take;
          i += take;
          if (remaining === 0) ends.push(i);
          continue;
        }
        header.push(chunk[i++]!);
        const length = headerLength(kind, header);
        if (length === undefined) continue;
        header.length = 0;
        remaining = length;
        if (remaining === 0) ends.push(i);
      }
      return ends;
    },
  };
}

/** The payload length a complete header announces, or undefined while it is incomplete. */
function headerLength(kind: 'intermediate' | 'abridged', h: number[]): number | undefined {
  if (kind === 'intermediate') {
    if (h.length < 4) return undefined;
    // The top bit is the quick-ack flag (client side only); the length is the low 31 bits.
    return (h[0]! | (h[1]! << 8) | (h[2]! << 16) | ((h[3]! & 0x7f) << 24)) >>> 0;
  }
  const first = h[0]! & 0x7f;
  if (first < 0x7f) return first * 4;
  if (h.length < 4) return undefined;
  return (h[1]! | (h[2]! << 8) | (h[3]! << 16)) * 4;
}

/** WebSocket frames with FIN set, server to client, after the HTTP upgrade answer. */
export function webSocketFrames(): FrameCounter {
  let inHttp = true;
  let crlf = 0;
  const header: number[] = [];
  let remaining = 0;
  let fin = false;
  return {
    feed(chunk) {
      const ends: number[] = [];
      let i = 0;
      while (i < chunk.length) {
        if (inHttp) {
          // The answer ends with an empty line: \r\n\r\n.
          const b = chunk[i++]!;
          crlf = b === (crlf % 2 === 0 ? 0x0d : 0x0a) ? crlf + 1 : b === 0x0d ? 1 : 0;
          if (crlf === 4) inHttp = false;
          continue;
        }
        if (remaining > 0) {
          const take = Math.min(remaining, chunk.length - i);
          remaining -= take;
          i += take;
          if (remaining === 0 && fin) ends.push(i);
          continue;
        }
        header.push(chunk[i++]!);
        const length = wsLength(header);
        if (length === undefined) continue;
        fin = (header[0]! & 0x80) !== 0;
        header.length = 0;
        remaining = length;
        if (remaining === 0 && fin) ends.push(i);
      }
      return ends;
    },
  };
}

/** The payload length of a complete server frame header (servers never mask), or undefined. */
function wsLength(h: number[]): number | undefined {
  if (h.length < 2) return undefined;
  const short = h[1]! & 0x7f;
  if (short < 126) return short;
  const extra = short === 126 ? 2 : 8;
  if (h.length < 2 + extra) return undefined;
  let n = 0;
  for (let k = 2; k < 2 + extra; k++) n = n * 256 + h[k]!;
  return n;
}
