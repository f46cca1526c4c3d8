/**
 * The I/O ports of the transport layer. A `ByteStream` is a raw connection (TCP socket, WebSocket,
 * in-memory pipe); a `Duplex` carries whole MTProto payloads over one, framed by a codec; a `Dial`
 * opens a `Duplex` to a DC. Platform implementations live in adapters/; everything here is pure.
 */
import type { Observable } from 'rxjs';
import type { FrameEvent } from './codec/frame-codec.js';

/**
 * A raw, ordered, reliable byte connection. `data$` emits received chunks (buffered until the first
 * subscription, so nothing is lost between opening and subscribing), completes when the peer closes
 * and errors with `TransportError` (`FramingErrorCode.closed`) when the connection fails.
 */
export interface ByteStream {
  readonly data$: Observable<Uint8Array>;
  /** Queues `chunk` for sending (writes before the connection is open are kept in order). */
  write(chunk: Uint8Array): void;
  /** Closes the connection; `data$` completes. Idempotent. */
  close(): void;
}

/** Per-payload send options. */
export interface SendOptions {
  /** Ask the server for a quick ack (core.telegram.org/mtproto/mtproto-transports "Quick ack"). */
  quickAck?: boolean;
}

/**
 * A connection that carries whole payloads. `frames$` emits received payloads, buffered until the
 * first subscription; it completes when the connection closes and errors with `TransportError`
 * on a server transport error (-404, -429, -444 …) or a framing failure (`FramingErrorCode`).
 */
export interface Duplex {
  readonly frames$: Observable<Uint8Array>;
  /**
   * Everything the decoder found, for peers that care about more than payloads: frames with the
   * quick-ack request flag (server side), quick-ack replies (client side), and transport error
   * packets as events rather than as the end of the stream. Optional: test doubles may omit it.
   * `frames$` and `events$` are two views of one buffered stream: what arrived before the first
   * subscription goes to whichever view is subscribed first, so use one view per connection.
   */
  readonly events$?: Observable<FrameEvent>;
  /** Sends one payload. Throws `TransportError` (`closed`) once the duplex is closed. */
  send(payload: Uint8Array, options?: SendOptions): void;
  /** Sends a quick-ack reply carrying `token` (server side, core.telegram.org/mtproto/mtproto-transports "Quick ack"). Optional like `events$`. */
  sendQuickAck?(token: number): void;
  /** Closes the connection. Idempotent. */
  close(): void;
}

/** Where a DC listens. `wsPort` is for WebSocket transports; `test`/`media` pick the DC variant. */
export interface DcAddress {
  dcId: number;
  host: string;
  port: number;
  wsPort?: number;
  test?: boolean;
  media?: boolean;
}

/** Opens a connection to a DC. Connection failures surface as an error of `frames$`. */
export type Dial = (dc: DcAddress) => Duplex;
