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
  const inbox = new Inbox<FrameEvent>();
  let closed = false;

  const fail = (error: TransportError): void => {
    closed = true;
    inbox.error(error);
    stream.close();
  };

  stream.data$.subscribe({
    next(chunk) {
      if (closed) return;
      let events: FrameEvent[];
      try {
        events = codec.decode(chunk);
      } catch (error) {
        fail(asTransportError(error));
        return;
      }
      for (const event of events) inbox.next(event);
    },
    error(error) {
      closed = true;
      inbox.error(asTransportError(error));
    },
    complete() {
      closed = true;
      inbox.complete();
    },
  });

  const events$ = inbox.observable;
  const frames$ = new Observable<Uint8Array>((subscriber) =>
    events$.subscribe({
      next(event) {
        if (event.kind === 'frame') subscriber.next(event.payload);
        else if (event.kind === 'error') subscriber.error(event.error);
      },
      error: (error) => subscriber.error(error),
      complete: () => subscriber.complete(),
    }),
  );

  const write = (bytes: () => Uint8Array): void => {
    if (closed) throw framingError(FramingErrorCode.closed, 'the connection is closed');
    stream.write(bytes());
  };

  return {
    codec,
    events$,
    frames$,
    send: (payload: Uint8Array, options?: SendOptions) => write(() => codec.encode(payload, options)),
    sendQuickAck: (token: number) => write(() => codec.encodeQuickAck(token)),
    close() {
      if (closed) return;
      closed = true;
      stream.close();
      inbox.complete();
    },
  };
}

/** Non-transport errors from a stream or codec become `TransportError` (`closed`/`malformed`) with the cause kept. */
function asTransportError(error: unknown): TransportError {
  if (error instanceof TransportError) return error;
  return framingError(FramingErrorCode.closed, 'connection failed', error);
}
