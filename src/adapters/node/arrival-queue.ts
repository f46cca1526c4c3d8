/**
 * `ArrivalQueue`: what a listener's sockets received, run in the order it arrived, a slice at a
 * time, for the simulator's server side.
 *
 * Node runs a socket's 'data' handler inside the poll phase that read it, and the simulator
 * answers there (a key exchange step is an RSA decrypt or a 2048-bit power, ~2 ms). With a
 * thousand connections mid-exchange, one poll phase ran seconds of steps, and the listening socket
 * waited behind them: in the scale bench (3,000 engines, issue 11) the server accepted 1,265
 * connections in the first 2 s and then none for 12 s, though the kernel had completed all 3,000
 * handshakes within 1.6 s; 800-1,300 clients heard nothing for 20 s and restarted their exchange.
 * Queued here, a poll phase only reads; steps then run first come, first served, each slice at most
 * `sliceMs` long, and between slices the loop accepts, reads and runs timers. The first slice
 * runs on `setImmediate`, right after the poll phase that read its work, so a lone request waits
 * no longer than before.
 */
import { Observable } from 'rxjs';
import type { ByteStream } from '../../transport/index.js';

const DONE = (): void => undefined;

/** A FIFO of work items, drained at most `sliceMs` per turn of the event loop. */
export class ArrivalQueue {
  private items: (() => void)[] = [];
  private head = 0;
  private scheduled = false;

  constructor(private readonly sliceMs = 10) {}

  /** Items waiting. */
  get length(): number {
    return this.items.length - this.head;
  }

  /** Runs `work` after everything queued before it, on a later turn of the event loop. */
  push(work: () => void): void {
    this.items.push(work);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.drain);
    }
  }

  private readonly drain = (): void => {
    const end = performance.now() + this.sliceMs;
    try {
      while (this.head < this.items.length) {
        const work = this.items[this.head]!;
        this.items[this.head++] = DONE; // let the chunk it holds go before the backlog is compacted
        work();
        if (performance.now() >= end) break;
      }
    } finally {
      // Also after a throwing item (which reaches the host as an uncaught exception, as it would
      // have from the socket's own handler): what is queued behind it still runs.
      if (this.head >= this.items.length) {
        this.items = [];
        this.head = 0;
        this.scheduled = false;
      } else {
        if (this.head > 1024 && this.head * 2 > this.items.length) {
          this.items = this.items.slice(this.head);
          this.head = 0;
        }
        // The next slice after a timer, not setImmediate: with an immediate pending at every turn
        // Node accepted one connection per turn (measured: ~98/s with 10 ms slices, against 3,000
        // in the first second when the slices follow 0 ms timers).
        setTimeout(this.drain, 0);
      }
    }
  };
}

/** `stream` with what it receives (data, error, end) handed on from `queue`, in arrival order. */
export function queuedByteStream(stream: ByteStream, queue: ArrivalQueue): ByteStream {
  return {
    data$: new Observable<Uint8Array>((subscriber) =>
      stream.data$.subscribe({
        next: (chunk) => queue.push(() => subscriber.next(chunk)),
        error: (error: unknown) => queue.push(() => subscriber.error(error)),
        complete: () => queue.push(() => subscriber.complete()),
      }),
    ),
    write: (chunk) => stream.write(chunk),
    close: () => stream.close(),
  };
}
