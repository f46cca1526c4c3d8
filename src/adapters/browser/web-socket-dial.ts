/**
 * Telegram's web transport (core.telegram.org/mtproto/transports "WebSocket") over the browser's own WebSocket: connect to
 * `wss://{name}.web.telegram.org/apiws` (or a local DC's `wsPort`) with subprotocol `binary`;
 * every binary message is a chunk of the obfuscated2 stream, which is mandatory here.
 * `webSocketByteStream` also serves Node, where `ws` objects have the same shape.
 */
import type { ByteStream, DcAddress, Dial, DialCodecOptions } from '../../transport/index.js';
import {
  FramingErrorCode,
  Inbox,
  createObfuscatedDialCodec,
  framedDuplex,
  framingError,
} from '../../transport/index.js';

/** The part of the WebSocket API both browsers and `ws` provide. */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
}

const CONNECTING = 0;
const OPEN = 1;

/** Wraps a WebSocket as a `ByteStream`; writes made while it is connecting are sent on open. */
export function webSocketByteStream(socket: WebSocketLike): ByteStream {
  const inbox = new Inbox<Uint8Array>();
  const pending: Uint8Array[] = [];
  socket.binaryType = 'arraybuffer';
  socket.onopen = () => {
    for (const chunk of pending.splice(0)) socket.send(chunk);
  };
  socket.onmessage = (event) => {
    if (event.data instanceof ArrayBuffer) inbox.next(new Uint8Array(event.data));
    else if (ArrayBuffer.isView(event.data)) {
      const v = event.data;
      inbox.next(new Uint8Array(v.buffer, v.byteOffset, v.byteLength).slice());
    } else {
      // Telegram never sends text frames; one means we are not talking to an MTProto endpoint.
      inbox.error(framingError(FramingErrorCode.malformed, 'text message on an MTProto WebSocket'));
      socket.close(1003);
    }
  };
  socket.onerror = (event) => inbox.error(framingError(FramingErrorCode.closed, 'WebSocket error', event));
  socket.onclose = () => inbox.complete();
  return {
    data$: inbox.observable,
    write(chunk) {
      if (socket.readyState === OPEN) socket.send(chunk);
      else if (socket.readyState === CONNECTING) pending.push(chunk);
      else throw framingError(FramingErrorCode.closed, 'the WebSocket is closed');
    },
    close() {
      if (socket.readyState === CONNECTING || socket.readyState === OPEN) socket.close(1000);
    },
  };
}

/** Web DC host names (core.telegram.org/mtproto/transports "WebSocket"). */
const WEB_NAMES: Record<number, string> = { 1: 'pluto', 2: 'venus', 3: 'aurora', 4: 'vesta', 5: 'flora' };

/**
 * The WebSocket URL of a DC: `ws://host:wsPort/apiws` when the address names a WebSocket port
 * (a local simulator), else Telegram's `wss://{name}.web.telegram.org/apiws` (`/apiws_test` on test DCs).
 */
export function telegramWebSocketUrl(dc: DcAddress, options: { secure?: boolean } = {}): string {
  const path = dc.test ? '/apiws_test' : '/apiws';
  if (dc.wsPort !== undefined) return `${options.secure ? 'wss' : 'ws'}://${dc.host}:${dc.wsPort}${path}`;
  const name = WEB_NAMES[dc.dcId];
  if (!name) return `wss://${dc.host}${path}`;
  return `wss://${name}${dc.media ? '-1' : ''}.web.telegram.org${path}`;
}

/** Options of the WebSocket dials. */
export interface WebSocketDialOptions extends Omit<DialCodecOptions, 'obfuscated'> {
  /** URL for a DC (default `telegramWebSocketUrl`). */
  url?: (dc: DcAddress) => string;
}

/** A `Dial` over the browser's WebSocket, obfuscated2 always on. */
export function webSocketDial(options: WebSocketDialOptions = {}): Dial {
  return (dc) => {
    const socket = new WebSocket((options.url ?? telegramWebSocketUrl)(dc), 'binary');
    const stream = webSocketByteStream(socket as unknown as WebSocketLike);
    return framedDuplex(stream, createObfuscatedDialCodec(dc, options));
  };
}
