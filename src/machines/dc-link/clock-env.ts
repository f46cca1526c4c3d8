/** `ClockEnv`: the handshake's environment (random, crypto, time) read off an injected clock. */
import type { CryptoProvider, Random } from '../../crypto/index.js';
import type { Clock, HandshakeEnv } from '../../transport/index.js';

/** The handshake's environment on a clock, without a closure per link. */
export class ClockEnv implements HandshakeEnv {
  constructor(
    readonly random: Random,
    readonly crypto: CryptoProvider,
    private readonly clock: Clock,
  ) {}
  now(): number {
    return this.clock.now();
  }
}
