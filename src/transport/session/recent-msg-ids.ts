/**
 * The window of recently received msg_ids (core.telegram.org/mtproto/description "Message Identifier (msg_id)", core.telegram.org/mtproto/security_guidelines item 11): a message whose id equals
 * a stored one is a replay, and one lower than every stored id (once the window is full) is too old
 * to tell apart from a replay. Both are dropped.
 */
export type MsgIdVerdict = 'ok' | 'duplicate' | 'tooLow';

export class RecentMsgIds {
  /** Sorted ascending. A small sorted array: ids nearly always arrive in order, so inserts append. */
  private readonly ids: bigint[] = [];

  constructor(private readonly capacity = 1024) {}

  /** Whether `msgId` may be accepted. Does not record it. */
  check(msgId: bigint): MsgIdVerdict {
    const ids = this.ids;
    if (ids.length >= this.capacity && msgId <= ids[0]!) return 'tooLow';
    return this.indexOf(msgId) >= 0 ? 'duplicate' : 'ok';
  }

  /** Records an accepted id, evicting the lowest when full. */
  add(msgId: bigint): void {
    const ids = this.ids;
    let i = ids.length;
    while (i > 0 && ids[i - 1]! > msgId) i--;
    if (ids[i - 1] === msgId) return;
    ids.splice(i, 0, msgId);
    if (ids.length > this.capacity) ids.shift();
  }

  /** True when `msgId` was received and is still in the window. */
  has(msgId: bigint): boolean {
    return this.indexOf(msgId) >= 0;
  }

  /** The highest id received, or 0n. */
  get highest(): bigint {
    return this.ids[this.ids.length - 1] ?? 0n;
  }

  /** The lowest id still stored, or 0n. */
  get lowest(): bigint {
    return this.ids[0] ?? 0n;
  }

  private indexOf(msgId: bigint): number {
    let lo = 0;
    let hi = this.ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.ids[mid]!;
      if (v === msgId) return mid;
      if (v < msgId) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}
