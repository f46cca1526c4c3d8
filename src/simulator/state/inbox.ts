/** What the simulator "sent" to a phone or an e-mail address, readable through the control API. */

/** One delivered message: a login code, an e-mail code, or a notice. */
export interface InboxMessage {
  /** Where it went: an SMS/app/call to the phone, or an e-mail. */
  channel: 'app' | 'sms' | 'call' | 'email' | 'fragment';
  /** The address: phone number or e-mail. */
  to: string;
  code?: string;
  text: string;
  date: number;
  /** What the code is for (the console groups and labels by it). */
  purpose?: 'login' | 'email' | 'recovery' | undefined;
  /** The exact delivery (`sms`, `flashCall`, `firebaseSms`, …) when it says more than `channel`. */
  delivery?: string | undefined;
  /** The phone of the account or login it concerns (for e-mails, too). */
  phone?: string | undefined;
  /** Simulator time (ms) after which the code no longer works. */
  expiresAt?: number | undefined;
}

/** A message in the cluster-wide feed the console reads, numbered in order of delivery. */
export interface InboxFeedEntry extends InboxMessage {
  seq: number;
}

/** Messages kept per address, and in the cluster-wide feed: both bounded. */
const PER_ADDRESS = 50;
const FEED_SIZE = 200;

/** Messages per phone number (e-mails are filed under the account's phone as well as the address). */
export class Inbox {
  private readonly boxes = new Map<string, InboxMessage[]>();
  private readonly feed: InboxFeedEntry[] = [];
  private lastDelivered: InboxMessage | undefined;
  private nextSeq = 1;
  /** Called once per message (not once per address it is filed under). */
  onDeliver: ((entry: InboxFeedEntry) => void) | undefined;

  deliver(key: string, message: InboxMessage): void {
    let box = this.boxes.get(key);
    if (!box) this.boxes.set(key, (box = []));
    box.push(message);
    // Bounded: a flood of sendCode calls must not grow memory without limit.
    if (box.length > PER_ADDRESS) box.shift();
    // One message is often filed under the phone and the e-mail address: list it once.
    if (message === this.lastDelivered) return;
    this.lastDelivered = message;
    const entry = { ...message, seq: this.nextSeq++ };
    this.feed.push(entry);
    if (this.feed.length > FEED_SIZE) this.feed.shift();
    this.onDeliver?.(entry);
  }

  /** Messages for a phone or e-mail, oldest first. */
  read(key: string): InboxMessage[] {
    return [...(this.boxes.get(key) ?? [])];
  }

  /** The most recent messages to anyone with `seq > after`, oldest first. */
  recent(after = 0): InboxFeedEntry[] {
    return this.feed.filter((m) => m.seq > after);
  }

  /** The newest code sent to `key`, if any. */
  lastCode(key: string): string | undefined {
    const box = this.boxes.get(key) ?? [];
    for (let i = box.length - 1; i >= 0; i--) if (box[i]!.code !== undefined) return box[i]!.code;
    return undefined;
  }

  clear(key: string): void {
    this.boxes.delete(key);
  }
}
