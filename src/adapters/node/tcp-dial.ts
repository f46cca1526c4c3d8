/** `nodeTcpDial`: MTProto over TCP in Node (core.telegram.org/mtproto/mtproto-transportscore.telegram.org/mtproto/mtproto-transports "Transport obfuscation", core.telegram.org/mtproto/transports), any framing, optionally obfuscated. */
import { connect } from 'node:net';
import type { DcAddress, Dial, DialCodecOptions } from '../../transport/index.js';
import { createDialCodec, framedDuplex } from '../../transport/index.js';
import { socketByteStream } from './socket-byte-stream.js';

/** A `Dial` that opens a TCP connection to `dc.host:dc.port`; connect errors surface on `frames$`. */
export function nodeTcpDial(options: DialCodecOptions = {}): Dial {
  return (dc: DcAddress) => {
    const socket = connect({ host: dc.host, port: dc.port });
    return framedDuplex(socketByteStream(socket), createDialCodec(dc, options));
  };
}
