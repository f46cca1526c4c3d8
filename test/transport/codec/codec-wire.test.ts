/**
 * Wire layouts and failures of the plain framings: exact bytes of core.telegram.org/mtproto/mtproto-transportscore.telegram.org/mtproto/mtproto-transports "Transport errors" (tags, lengths,
 * quick-ack bits and replies, transport error packets), length limits and CRC/seqno checks.
 */
import { describe, expect, it } from 'vitest';
import {
  AbridgedCodec,
  FramingErrorCode,
  FullCodec,
  IntermediateCodec,
  ServerCodec,
  TransportError,
  createPlainCodec,

  transportErrorPayload,
} from '../../../src/transport/index.js';
import { KINDS, hex, scriptedRandom, unhex } from './codec-helpers.js';
import { crc32 } from '../../../src/tl/index.js';

const code = (c: number) => expect.objectContaining({ code: c });

describe('wire layouts', () => {
  it('abridged: ef tag, short and long length forms, quick-ack bit', () => {
    const c = new AbridgedCodec('client');
    expect(hex(c.encode(new Uint8Array(8)))).toBe('ef02' + '00'.repeat(8));
    expect(hex(c.encode(new Uint8Array(8), { quickAck: true }))).toBe('82' + '00'.repeat(8));
    expect(hex(c.encode(new Uint8Array(0x7f * 4)).subarray(0, 4))).toBe('7f7f0000');
    expect(hex(c.encode(new Uint8Array(0x7f * 4), { quickAck: true }).subarray(0, 4))).toBe('ff7f0000');
    expect(() => c.encode(new Uint8Array(6))).toThrow(code(FramingErrorCode.malformed));
  });

  it('intermediate and padded: tags and LE lengths with bit 31 as quick-ack', () => {
    expect(hex(new IntermediateCodec('client').encode(new Uint8Array(4).fill(7), { quickAck: true }))).toBe(
      'eeeeeeee' + '04000080' + '07070707',
    );
    const padded = new IntermediateCodec('client', {
      padded: true,
      random: scriptedRandom([Uint8Array.of(0x13), unhex('aabbcc')]),
    });
    // 0x13 & 15 = 3 padding bytes, counted in the length.
    expect(hex(padded.encode(new Uint8Array(4)))).toBe('dddddddd' + '07000000' + '00000000' + 'aabbcc');
  });

  it('full: len|seqno|payload|crc32, seqno counting from 0, no tag', () => {
    const c = new FullCodec('client');
    const first = c.encode(unhex('01020304'));
    expect(hex(first.subarray(0, 12))).toBe('10000000' + '00000000' + '01020304');
    expect(new DataView(first.buffer).getUint32(12, true)).toBe(crc32(first.subarray(0, 12)));
    expect(hex(c.encode(unhex('01020304')).subarray(4, 8))).toBe('01000000');
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926); // the CRC-32 check value
  });

  it('quick-ack replies: bit 31 set; abridged byte-reversed (core.telegram.org/mtproto/mtproto-transports "Quick ack")', () => {
    expect(hex(new AbridgedCodec('server').encodeQuickAck(0x01020304))).toBe('81020304');
    expect(hex(new IntermediateCodec('server').encodeQuickAck(0x01020304))).toBe('04030281');
    expect(hex(new FullCodec('server').encodeQuickAck(0x01020304))).toBe('04030281');
    expect(new AbridgedCodec('client').decode(unhex('81020304'))).toEqual([
      { kind: 'quickAck', token: 0x81020304 },
    ]);
  });
});

describe('transport errors (core.telegram.org/mtproto/mtproto-transports "Transport errors")', () => {
  it('decodes the documented intermediate -404 packet', () => {
    const events = new IntermediateCodec('client').decode(unhex('040000006cfeffff'));
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(e.kind === 'error' && e.error).toBeInstanceOf(TransportError);
    expect(e.kind === 'error' && e.error.code).toBe(-404);
  });

  it.each(KINDS)(
    '%s: -404, -429, -444 from the server surface as TransportError events; 0 is a no-op',
    (kind) => {
      const server = createPlainCodec(kind, 'server', {
        random: scriptedRandom([], { bytes: (n) => new Uint8Array(n).fill(5) }),
      });
      const client = createPlainCodec(kind, 'client');
      const wire = [-404, -429, -444, 0].map((c) => server.encode(transportErrorPayload(c)));
      const events = wire.flatMap((w) => client.decode(w));
      expect(events.map((e) => (e.kind === 'error' ? e.error.code : e.kind))).toEqual([-404, -429, -444]);
    },
  );

  it('the server side does not reinterpret short client payloads', () => {
    const server = new ServerCodec();
    expect(server.decode(unhex('eeeeeeee040000006cfeffff'))).toEqual([
      { kind: 'frame', payload: unhex('6cfeffff'), quickAck: false },
    ]);
  });
});

describe('framing failures are TransportError with a code, and final', () => {
  it('rejects an absurd announced length before buffering it', () => {
    const c = new IntermediateCodec('client', { maxFrameLength: 1024 });
    expect(() => c.decode(unhex('01040000'))).toThrow(code(FramingErrorCode.tooLarge));
    expect(() => c.decode(new Uint8Array(1))).toThrow(code(FramingErrorCode.tooLarge));
    expect(() => new AbridgedCodec('server').decode(unhex('7fffffff'))).toThrow(
      code(FramingErrorCode.tooLarge),
    );
  });

  it('rejects zero-length frames and sub-4-byte server payloads', () => {
    expect(() => new IntermediateCodec('server').decode(unhex('00000000'))).toThrow(
      code(FramingErrorCode.malformed),
    );
    expect(() => new AbridgedCodec('client').decode(unhex('00'))).toThrow(code(FramingErrorCode.malformed));
    expect(() => new IntermediateCodec('client').decode(unhex('02000000abcd'))).toThrow(
      code(FramingErrorCode.malformed),
    );
  });

  it('full: CRC mismatch and out-of-order seqno', () => {
    const packet = new FullCodec('client').encode(new Uint8Array(20));
    const corrupt = packet.slice();
    corrupt[10]! ^= 1;
    expect(() => new FullCodec('server').decode(corrupt)).toThrow(code(FramingErrorCode.badChecksum));
    const sender = new FullCodec('client');
    sender.encode(new Uint8Array(20));
    expect(() => new FullCodec('server').decode(sender.encode(new Uint8Array(20)))).toThrow(
      code(FramingErrorCode.badSeqno),
    );
    expect(() => new FullCodec('server').decode(unhex('08000000'))).toThrow(code(FramingErrorCode.malformed));
  });

  it('server auto-detection: unknown first bytes, and encode before detection', () => {
    const server = new ServerCodec();
    expect(() => server.encode(new Uint8Array(4))).toThrow(code(FramingErrorCode.unknownProtocol));
    expect(() => server.decode(new Uint8Array(64).fill(0x41))).toThrow(
      code(FramingErrorCode.unknownProtocol),
    );
  });
});
