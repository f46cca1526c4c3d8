/** Built-in RSA keys: Telegram's public keys and the simulator's own key pair. */
export * from './telegram-keys.js';
export * from './simulator-key.js';
