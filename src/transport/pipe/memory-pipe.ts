/**
 * In-memory connections for tests and for running the simulator in the same process:
 * `memoryPipe()` gives two connected `ByteStream`s (so the real codecs run over it) and
 * `memoryDuplexPair()` two connected payload-level `Duplex`es (no framing, for speed).
 *
 * Delivery is synchronous but never re-entrant: a write made while a delivery is running (a peer
 * answering inside its handler) is queued and delivered right after it, in order. Tests stay
 * deterministic without timers, and a long ping-pong does not grow the call stack.
 */
import { FramingErrorCode, framingError } from '../codec/frame-codec.js';
import type { ByteStream, Duplex } from '../ports.js';
import { Inbox } from './inbox.js';

/** Runs queued deliveries one after another; shared by both ends of a pipe. */
class Trampoline {
  private readonly queue: (() => void)[] = [];
  private running = false;

  run(task: () => void): void {
    this.queue.push(task);
    if (this.running) return;
    this.running = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) next();
    } finally {
      this.running = false;
    }
  }
}

/** The two ends of one in-memory connection, as inboxes plus a closed flag. */
function connectedEnds<T>(copy: (value: T) => T) {
  const trampoline = new Trampoline();
  const inboxes = [new Inbox<T>(), new Inbox<T>()] as const;
  let closed = false;
  const send = (to: 0 | 1, value: T): void => {
    if (closed) throw framingError(FramingErrorCode.closed, 'the in-memory connection is closed');
    // Copy so neither side can mutate what the other holds.
    const data = copy(value);
    trampoline.run(() => inboxes[to].next(data));
  };
  const close = (): void => {
    if (closed) return;
    closed = true;
    trampoline.run(() => {
      inboxes[0].complete();
      inboxes[1].complete();
    });
  };
  return { inboxes, send, close };
}

const copyBytes = (b: Uint8Array): Uint8Array => b.slice();

/** Two connected byte streams: what one writes, the other's `data$` emits. Closing either closes both. */
export function memoryPipe(): [ByteStream, ByteStream] {
  const { inboxes, send, close } = connectedEnds(copyBytes);
  const end = (self: 0 | 1): ByteStream => ({
    data$: inboxes[self].observable,
    write: (chunk) => send(self === 0 ? 1 : 0, chunk),
    close,
  });
  return [end(0), end(1)];
}

/** Two connected payload-level duplexes (no codec; `quickAck` is ignored). */
export function memoryDuplexPair(): [Duplex, Duplex] {
  const { inboxes, send, close } = connectedEnds(copyBytes);
  const end = (self: 0 | 1): Duplex => ({
    frames$: inboxes[self].observable,
    send: (payload) => send(self === 0 ? 1 : 0, payload),
    close,
  });
  return [end(0), end(1)];
}
