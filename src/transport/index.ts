/** transport/: framing codecs, the key exchange (both halves), the encrypted session, ports. */
export type { Clock } from './clock.js';
export * from './errors.js';
export * from './codec/frame-codec.js';
export { ByteQueue } from './codec/byte-queue.js';
export { AbridgedCodec } from './codec/abridged-codec.js';
export { IntermediateCodec } from './codec/intermediate-codec.js';
export { FullCodec } from './codec/full-codec.js';
export { BaseCodec, type PlainCodecOptions } from './codec/base-codec.js';

export { createPlainCodec } from './codec/plain-codec.js';
export * from './codec/obfuscation-init.js';
export * from './codec/obfuscated2-codec.js';
export * from './codec/server-codec.js';
export * from './codec/client-codec.js';
export type * from './ports.js';
export * from './framed-duplex.js';
export { Inbox } from './pipe/inbox.js';
export { memoryPipe, memoryDuplexPair } from './pipe/memory-pipe.js';
export * from './handshake/index.js';
export * from './codec/dial-codec.js';
export * from './session/index.js';
export * from './connection/index.js';
export { ManualClock } from './manual-clock.js';
