/** adapters/browser: what a web app needs besides the engine — the WebSocket dial and real timers. */
export {
  webSocketDial,
  webSocketByteStream,
  telegramWebSocketUrl,
  type WebSocketDialOptions,
  type WebSocketLike,
} from './web-socket-dial.js';
export { systemClock } from '../system-clock.js';
