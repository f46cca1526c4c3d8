/** A Node `net.Socket` as a transport `ByteStream` (the raw TCP connection under the MTProto framing). */
import type { Socket } from 'node:net';
import type { ByteStream } from '../../transport/index.js';
import { FramingErrorCode, Inbox, framingError } from '../../transport/index.js';

/** Wraps `socket`; received Buffers are handed on as Uint8Array views (the decoders copy what they keep). */
export function socketByteStream(socket: Socket): ByteStream {
  const inbox = new Inbox<Uint8Array>();
  // MTProto packets are small request/response pairs: Nagle's delay only adds latency.
  socket.setNoDelay(true);
  socket.on('data', (data: Buffer) =>
    inbox.next(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)),
  );
  socket.on('error', (error) =>
    inbox.error(framingError(FramingErrorCode.closed, `TCP: ${error.message}`, error)),
  );
  socket.on('close', () => inbox.complete());
  return {
    data$: inbox.observable,
    write(chunk) {
      if (socket.destroyed || socket.writableEnded)
        throw framingError(FramingErrorCode.closed, 'the TCP socket is closed');
      socket.write(chunk);
    },
    close() {
      if (!socket.destroyed) socket.end(() => socket.destroy());
    },
  };
}
