/** `nodeWebSocketDial`: Telegram's web transport (core.telegram.org/mtproto/transports "WebSocket") from Node on `ws`, obfuscated2 always on. */
import { WebSocket } from 'ws';
import type { Dial } from '../../transport/index.js';
import { createDialCodec, framedDuplex } from '../../transport/index.js';
import {
  telegramWebSocketUrl,
  webSocketByteStream,
  type WebSocketDialOptions,
  type WebSocketLike,
} from '../browser/index.js';

/** A `Dial` over `ws` with subprotocol `binary`. */
export function nodeWebSocketDial(options: WebSocketDialOptions = {}): Dial {
  return (dc) => {
    const socket = new WebSocket((options.url ?? telegramWebSocketUrl)(dc), 'binary');
    const stream = webSocketByteStream(socket as unknown as WebSocketLike);
    return framedDuplex(stream, createDialCodec(dc, { ...options, obfuscated: true }));
  };
}
