/**
 * "The server stopped answering", judged fairly on a busy event loop. Used by the key exchange's
 * plain link and by the temp key bind (dc-key/actors.ts, dc-key/bind-link.ts).
 *
 * The timer runs from each request to the next answer (any frame from the server), not over a whole
 * exchange: a server that answers every step is alive however long the steps take. When it expires
 * it waits one more turn of the event loop (a 0 ms timer on the injected clock runs after the I/O
 * that is already waiting) and fires only if nothing arrived meanwhile. Without that turn, a loop
 * kept busy for longer than the timeout ran the timer the moment it was free, before the socket read
 * that held the answer: with 2,000 engines in one process a single turn of socket reads (each runs a
 * handshake step) took 18-25 s, and hundreds of exchanges whose answers had arrived were thrown away
 * and started again, on the client and on the server (the scale bench, issue 11).
 */
import type { Clock } from '../../transport/index.js';

/** Arms on `expect()`, disarms on `heard()`; calls `onSilent` once it ran out (one loop turn later). */
export class SilenceTimer {
  private timer: unknown;

  constructor(
    private readonly clock: Clock,
    private readonly ms: number,
    private readonly onSilent: () => void,
  ) {}

  /** A request went out: an answer is due within the timeout. */
  expect(): void {
    this.stop();
    this.timer = this.clock.setTimeout(() => {
      this.timer = this.clock.setTimeout(() => {
        this.timer = undefined;
        this.onSilent();
      }, 0);
    }, this.ms);
  }

  /** The server answered (a frame arrived): nothing is due until the next request. */
  heard(): void {
    this.stop();
  }

  stop(): void {
    if (this.timer === undefined) return;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
