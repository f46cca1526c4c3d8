import { nodeCrypto, webCrypto } from '../../src/adapters/crypto/index.js';
import { pureCrypto } from '../../src/crypto/index.js';
import { cryptoProviderSuite } from './crypto-provider.suite.js';

// Every backend passes the same suite (WebCrypto runs here through Node's globalThis.crypto.subtle).
for (const provider of [pureCrypto, nodeCrypto, webCrypto]) cryptoProviderSuite(provider);
