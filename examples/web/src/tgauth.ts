/**
 * The browser entry of tgauth as this demo uses it: the engine, the WebSocket dial, WebCrypto, the
 * IndexedDB store, the system clock and the React hook. Imported from the repository's sources one
 * module at a time (not through `adapters/crypto` or `adapters/store`, whose index files also
 * re-export the Node backends), so nothing Node-only reaches the bundle. The engine comes through
 * machines/browser.ts, so the QR and passkey flows are chunks of their own, loaded when chosen.
 */
export {
  createAuthEngine,
  type AuthEngine,
  type AuthEngineOptions,
  type AuthView,
  type PasskeyAssertion,
  type PasskeyAuthenticator,
  type PasskeyRequestOptions,
} from '../../../src/machines/browser.js';
export { webSocketDial } from '../../../src/adapters/browser/web-socket-dial.js';
export { webCrypto } from '../../../src/adapters/crypto/web-crypto.js';
export { indexedDbStore } from '../../../src/adapters/store/indexed-db-store.js';
export { systemClock } from '../../../src/adapters/clock/index.js';
export { useAuth } from '../../../src/adapters/react/use-auth.js';
