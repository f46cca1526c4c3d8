/**
 * seq_no bookkeeping (core.telegram.org/mtproto/description "Message Sequence Number (msg_seqno)"): `seq_no = 2 * (content-related messages sent before) + 1`
 * for a content-related message, `2 * count` for one that is not (acks, containers).
 */
export class SeqNo {
  private count = 0;

  /** The seq_no for the next message; advances the counter when `contentRelated`. */
  next(contentRelated: boolean): number {
    if (!contentRelated) return this.count * 2;
    return this.count++ * 2 + 1;
  }

  /** Back to zero (a new session). */
  reset(): void {
    this.count = 0;
  }
}

/** True when a seq_no marks a content-related message (odd). */
export function isContentRelated(seqNo: number): boolean {
  return (seqNo & 1) === 1;
}
