/**
 * Server DH values made ahead of time, as a real server does off the request path: pairs
 * (x, g^x mod p) for the well-known prime with g = 3 (core.telegram.org/mtproto/security_guidelines, docs/ARCHITECTURE.md "The simulator"), which the key
 * exchange (a, g_a) and 2FA (b of srp_B, core.telegram.org/api/srp) use. Each pair is handed out once; when none is
 * ready one is made on the spot, exactly as without a pool.
 *
 * Pairs are made only while the process is idle: a timer due `IDLE_MS` from now must fire on time
 * (one that fires late found the event loop busy: the DCs, or clients sharing the process), and no
 * DC may have received or sent a frame for `QUIET_MS` (`noteTraffic`). The loop being free at one
 * instant is not enough: between a request and its answer, or an answer and the next request, the
 * loop is often free for a moment while a message is in flight, and a modpow started then delays it
 * (measured: one 2.5 ms refill on the path of most bench logins). While the pool is below half, a
 * free moment is enough, so clients running back to back (no quiet span) do not drain it. One pair
 * per tick, so a request arriving meanwhile waits at most one modpow.
 */
import { TELEGRAM_DH_PRIME, bytesToBigint, type CryptoProvider, type Random } from '../../crypto/index.js';
import type { Clock } from '../../transport/index.js';

/** A secret exponent and g^secret mod p. */
export interface DhPair {
  readonly secret: bigint;
  readonly power: bigint;
}

/** The generator the pool's pairs use (the simulator's handshake and SRP g). */
export const DH_POOL_G = 3;
const IDLE_MS = 5;
/** A timer this much (ms) past its due time means the loop was busy. */
const LATE_MS = 1;
/** No frame in or out for this long (ms) before a pair is made. */
const QUIET_MS = 5;

/** Options of {@link DhPool}. */
export interface DhPoolOptions {
  /** Pairs kept ready. */
  readonly size: number;
  readonly clock: Clock;
  readonly random: Random;
  readonly crypto: CryptoProvider;
}

/** A bounded stock of fresh DH pairs, refilled in idle time. */
export class DhPool {
  private readonly pairs: DhPair[] = [];
  private timer: unknown;
  private due = 0;
  private lastTraffic = -Infinity;
  private closed = false;

  constructor(private readonly options: DhPoolOptions) {
    this.arm();
  }

  /** Pairs ready now. */
  get ready(): number {
    return this.pairs.length;
  }

  /** A pair never handed out before: a ready one, else one made now. */
  take(): DhPair {
    const pair = this.pairs.pop() ?? this.make();
    this.arm();
    return pair;
  }

  /** A DC received or sent a frame now: the next pair waits for `QUIET_MS` without traffic. */
  noteTraffic(): void {
    this.lastTraffic = this.options.clock.now();
  }

  close(): void {
    this.closed = true;
    this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.pairs.length = 0;
  }

  /** x uniform in [1, p-2] (256 random bytes reduced: the bias is below 2^-2040), and 3^x mod p. */
  private make(): DhPair {
    const { random, crypto } = this.options;
    const secret = (bytesToBigint(random.bytes(256)) % (TELEGRAM_DH_PRIME - 2n)) + 1n;
    return { secret, power: crypto.modPow(BigInt(DH_POOL_G), secret, TELEGRAM_DH_PRIME) };
  }

  private arm(): void {
    if (this.closed || this.timer !== undefined || this.pairs.length >= this.options.size) return;
    const { clock } = this.options;
    this.due = clock.now() + IDLE_MS;
    this.timer = clock.setTimeout(() => this.tick(), IDLE_MS);
  }

  private tick(): void {
    this.timer = undefined;
    if (this.closed) return;
    const now = this.options.clock.now();
    // Below half, any free moment will do: clients back to back leave no quiet span, and a drained
    // pool would put every pair on a request's path.
    const quiet = now - this.lastTraffic >= QUIET_MS || this.pairs.length < this.options.size / 2;
    if (now - this.due <= LATE_MS && quiet) this.pairs.push(this.make());
    this.arm();
  }
}
