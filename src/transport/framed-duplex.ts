/**
 * `framedDuplex`: a `ByteStream` plus a `FrameCodec` make a `Duplex`. Received chunks go through
 * the codec's incremental decoder; sent payloads through its encoder. This is the one place where
 * every transport (memory pipe, TCP, WebSocket) meets the framing, so all of them run the real codecs.
 */
import { Observable } from 'rxjs';
import type { FrameCodec, FrameEvent } from './codec/frame-codec.js';
import { FramingErrorCode, framingError } from './codec/frame-codec.js';
import { TransportError } from './errors.js';
import { Inbox } from './pipe/inbox.js';
import type { ByteStream, Duplex, SendOptions } from './ports.js';

/** A `Duplex` that also exposes the codec it frames with (e.g. a server's detected transport). */
export interface FramedDuplex extends Duplex {
  readonly events$: Observable<FrameEvent>;
  readonly codec: FrameCodec;
  sendQuickAck(token: number): void;
}

/**
 * Frames `stream` with `codec`. A framing failure errors `frames$`/`events$` and closes the stream;
 * a transport error packet from the server errors `frames$` but leaves closing to the consumer.
 */
export function framedDuplex(stream: ByteStream, codec: FrameCodec): FramedDuplex {
  return new Framed(stream, codec);
}

/** The framed duplex, as a class: one per connection, so its helpers are not closures each (issue 11). */
class Framed implements FramedDuplex {
  readonly events$: Observable<FrameEvent>;
  readonly frames$: Observable<Uint8Array>;
  private readonly inbox = new Inbox<FrameEvent>();
  private closed = false;

  constructor(
    private readonly stream: ByteStream,
    readonly codec: FrameCodec,
  ) {
    stream.data$.subscribe(new StreamReader(this));
    const events$ = (this.events$ = this.inbox.observable);
    this.frames$ = new Observable<Uint8Array>((subscriber) =>
      events$.subscribe({
        next(event) {
          if (event.kind === 'frame') subscriber.next(event.payload);
          else if (event.kind === 'error') subscriber.error(event.error);
        },
        error(error) {
          subscriber.error(error);
        },
        complete() {
          subscriber.complete();
        },
      }),
    );
  }

  send(payload: Uint8Array, options?: SendOptions): void {
    this.assertOpen();
    this.stream.write(this.codec.encode(payload, options));
  }

  sendQuickAck(token: number): void {
    this.assertOpen();
    this.stream.write(this.codec.encodeQuickAck(token));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stream.close();
    this.inbox.complete();
  }

  /** A chunk from the stream: decoded into frame events (a decode failure fails the duplex). */
  received(chunk: Uint8Array): void {
    if (this.closed) return;
    let events: FrameEvent[];
    try {
      events = this.codec.decode(chunk);
    } catch (error) {
      this.fail(asTransportError(error));
      return;
    }
    for (const event of events) this.inbox.next(event);
  }

  /** The stream failed. */
  streamFailed(error: unknown): void {
    this.closed = true;
    this.inbox.error(asTransportError(error));
  }

  /** The stream ended. */
  streamEnded(): void {
    this.closed = true;
    this.inbox.complete();
  }

  private fail(error: TransportError): void {
    this.closed = true;
    this.inbox.error(error);
    this.stream.close();
  }

  /** Nothing is encoded once closed (a codec may keep state, e.g. obfuscation's counter). */
  private assertOpen(): void {
    if (this.closed) throw framingError(FramingErrorCode.closed, 'the connection is closed');
  }
}

/** The stream's observer (kept apart so the duplex itself is not an Observer). */
class StreamReader {
  constructor(private readonly duplex: Framed) {}
  next(chunk: Uint8Array): void {
    this.duplex.received(chunk);
  }
  error(error: unknown): void {
    this.duplex.streamFailed(error);
  }
  complete(): void {
    this.duplex.streamEnded();
  }
}

/** Non-transport errors from a stream or codec become `TransportError` (`closed`/`malformed`) with the cause kept. */
function asTransportError(error: unknown): TransportError {
  if (error instanceof TransportError) return error;
  return framingError(FramingErrorCode.closed, 'connection failed', error);
}
