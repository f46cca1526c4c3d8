/**
 * adapters/browser: what a web app needs besides the engine, and nothing Node-only — the WebSocket
 * dial, real timers, the WebCrypto backend, the IndexedDB session store and the WebAuthn passkey
 * authenticator. (The `adapters/crypto` and `adapters/store` indexes also export Node backends.)
 */
export {
  webSocketDial,
  webSocketByteStream,
  telegramWebSocketUrl,
  type WebSocketDialOptions,
  type WebSocketLike,
} from './web-socket-dial.js';
export { systemClock } from '../clock/index.js';
export { webCrypto } from '../crypto/browser.js';
export { indexedDbStore } from '../store/browser.js';
export { browserPasskeyAuthenticator } from '../passkey/index.js';
