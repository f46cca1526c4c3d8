/**
 * MTProto msg_id generation and time checks (core.telegram.org/mtproto/description "Message Identifier (msg_id)").
 *
 * A msg_id is about `unixtime * 2^32`: the high 32 bits are seconds, the low 32 bits a non-zero
 * fraction of the second. Client ids are divisible by 4; server ids are 1 mod 4 for answers and
 * 3 mod 4 otherwise. Ids strictly increase within a session. The clock is the injected `Clock`
 * shifted by `timeOffset`, which the session corrects from bad_msg_notification 16/17.
 */
import type { Clock } from '../clock.js';

/** The server rejects client msg_ids more than 300 s in the past or 30 s in the future (core.telegram.org/mtproto/description "Message Identifier (msg_id)"). */
export const MSG_ID_MAX_AGE_SECONDS = 300;
export const MSG_ID_MAX_FUTURE_SECONDS = 30;

/** The time, in Unix seconds, that a msg_id carries in its high 32 bits. */
export function msgIdSeconds(msgId: bigint): number {
  return Number(msgId >> 32n);
}

/**
 * True when `msgId` is within the allowed window around `nowSeconds` (not older than 300 s, not more
 * than 30 s ahead). Used by the server on every client message and by a time-synced client.
 */
export function isMsgIdInWindow(msgId: bigint, nowSeconds: number): boolean {
  const t = Number(msgId >> 32n) + Number(msgId & 0xffffffffn) / 2 ** 32;
  return t >= nowSeconds - MSG_ID_MAX_AGE_SECONDS && t <= nowSeconds + MSG_ID_MAX_FUTURE_SECONDS;
}

/** A wall clock that moved this much more or less than the monotonic one has stepped. */
const STEP_TOLERANCE_MS = 5_000;

/** Options of a `MsgIdGenerator`. */
export interface MsgIdGeneratorOptions {
  /**
   * Server side: the clock is the time. No smoothing over its steps, and after a step back the ids
   * continue from the clock instead of from the last id (which still carries the old time): a server
   * that kept the old time told clients a wrong time in every bad_msg_notification 16/17, so they
   * could never re-sync.
   */
  authority?: boolean;
}

/**
 * Generates strictly increasing msg_ids from a clock plus a correctable offset. With a monotonic
 * clock (`Clock.monotonic`), local time follows it across wall-clock steps: the server's time as we
 * know it goes on smoothly, and `stepped` tells the owner to re-sync at the next chance.
 */
export class MsgIdGenerator {
  /** Set when a step of the wall clock was seen; the owner clears it once it re-synced. */
  stepped = false;
  private offset = 0;
  private last = 0n;
  private wallAt = 0;
  private monoAt = 0;

  constructor(
    private readonly clock: Clock,
    private readonly options: MsgIdGeneratorOptions = {},
  ) {
    this.anchor();
  }

  /** Seconds to add to the local clock to get the server's time (core.telegram.org/mtproto/description "Message Identifier (msg_id)" time correction). */
  get timeOffset(): number {
    return this.offset;
  }

  set timeOffset(seconds: number) {
    this.offset = seconds;
    this.anchor();
  }

  /** The server's current time in (fractional) seconds, as far as we know it. */
  serverNow(): number {
    return this.localNow() / 1000 + this.offset;
  }

  /**
   * A fresh msg_id with `msgId % 4 == remainder` (0 on the client; 1 or 3 on the server), greater
   * than every id this generator returned before.
   */
  next(remainder: 0 | 1 | 3 = 0): bigint {
    const ms = this.localNow() + this.offset * 1000;
    const seconds = BigInt(Math.floor(ms / 1000));
    // Spread the milliseconds over the 32-bit fraction; the low 2 bits carry the kind.
    const fraction = BigInt(Math.floor(((ms % 1000) / 1000) * 2 ** 32)) & ~3n;
    let id = (seconds << 32n) | fraction | BigInt(remainder);
    const stuck = id <= this.last && !(this.options.authority && id < this.last - (1n << 32n));
    if (stuck) id = (this.last & ~3n) + 4n + BigInt(remainder);
    // The fraction must be non-empty (core.telegram.org/mtproto/description "Message Identifier (msg_id)"): a msg_id whose low 32 bits are all zero is bumped.
    if ((id & 0xfffffffcn) === 0n) id += 4n;
    this.last = id;
    return id;
  }

  /**
   * Adopts the server's time from one of its msg_ids (after bad_msg_notification 16/17):
   * `time_offset = (incoming_msg_id >> 32) - local_unixtime`.
   */
  correctFrom(serverMsgId: bigint): void {
    this.offset = msgIdSeconds(serverMsgId) - Math.floor(this.localNow() / 1000);
    this.anchor();
    this.stepped = false;
    // A clock that ran ahead produced ids the server rejected; keeping them as the floor would keep
    // every new id in the future too.
    this.last = 0n;
  }

  /** Local time in ms: the wall clock, carried across its steps by the monotonic clock if there is one. */
  private localNow(): number {
    const wall = this.clock.now();
    if (!this.clock.monotonic || this.options.authority) return wall;
    const expected = this.wallAt + (this.clock.monotonic() - this.monoAt);
    if (Math.abs(wall - expected) <= STEP_TOLERANCE_MS) return wall;
    // The wall clock stepped: keep the server's time continuous (the step moved only our clock)
    // and let the owner re-sync from the server's next message (a host that slept shows up here too).
    this.offset += (expected - wall) / 1000;
    this.anchor();
    this.stepped = true;
    return wall;
  }

  private anchor(): void {
    this.wallAt = this.clock.now();
    this.monoAt = this.clock.monotonic?.() ?? 0;
  }
}
