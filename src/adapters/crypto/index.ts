/** Platform `CryptoProvider` backends: node:crypto and WebCrypto. */
export * from './node-crypto.js';
export * from './web-crypto.js';
