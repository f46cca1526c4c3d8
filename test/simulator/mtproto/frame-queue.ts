/** Received payloads for a test client: awaited one by one during the handshake, then pushed to a handler. */
export class FrameQueue {
  private readonly buffered: Uint8Array[] = [];
  private readonly waiting: { resolve(p: Uint8Array): void; reject(e: unknown): void }[] = [];
  private failure: unknown;
  /** Once set, every payload goes here instead of the queue. */
  onFrame: ((payload: Uint8Array) => void) | undefined;

  push(payload: Uint8Array): void {
    if (this.onFrame) return this.onFrame(payload);
    const w = this.waiting.shift();
    if (w) w.resolve(payload);
    else this.buffered.push(payload);
  }

  fail(error: unknown): void {
    this.failure ??= error;
    for (const w of this.waiting.splice(0)) w.reject(error);
  }

  next(): Promise<Uint8Array> {
    const b = this.buffered.shift();
    if (b) return Promise.resolve(b);
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }
}
