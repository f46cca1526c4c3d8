/**
 * tgauth: the engine's public face. Layers have their own subpaths (`tgauth/crypto`, `tgauth/tl`,
 * `tgauth/transport`, `tgauth/simulator`) and so do the platform adapters (`tgauth/adapters/node`,
 * `tgauth/adapters/browser`, `tgauth/adapters/store`, …).
 */
export * from './machines/index.js';
export {
  RpcError,
  TransportError,
  ManualClock,
  type Clock,
  type Dial,
  type DcAddress,
} from './transport/index.js';
export {
  TgauthError,
  SecurityError,
  secureRandom,
  type Random,
  type CryptoProvider,
} from './crypto/index.js';
