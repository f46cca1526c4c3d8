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
}

/** Messages per phone number (e-mails are filed under the account's phone as well as the address). */
export class Inbox {
  private readonly boxes = new Map<string, InboxMessage[]>();

  deliver(key: string, message: InboxMessage): void {
    let box = this.boxes.get(key);
    if (!box) this.boxes.set(key, (box = []));
    box.push(message);
    // Bounded: a flood of sendCode calls must not grow memory without limit.
    if (box.length > 50) box.shift();
  }

  /** Messages for a phone or e-mail, oldest first. */
  read(key: string): InboxMessage[] {
    return [...(this.boxes.get(key) ?? [])];
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
