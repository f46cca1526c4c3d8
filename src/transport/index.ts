/** transport/: framing codecs, the key exchange (both halves), the encrypted session, ports. */
export type { Clock } from './clock.js';
export * from './errors.js';
