/**
 * Bounds-checked little-endian reader for TL primitives (core.telegram.org/mtproto/serialize, core.telegram.org/mtproto/serialize). Every read checks the
 * remaining length first and fails with TlDecodeError, so hostile input can never read past the buffer
 * or make it allocate more than the input holds.
 */
import { TlDecodeError } from './errors.js';

const utf8 = new TextDecoder('utf-8');

/** Reads TL primitives from `bytes[start, end)`. */
export class BinaryReader {
  /** Current offset into `bytes` (absolute). */
  offset: number;
  readonly end: number;
  protected readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    end = bytes.length,
  ) {
    this.offset = start;
    this.end = end;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Bytes left before `end`. */
  get remaining(): number {
    return this.end - this.offset;
  }

  /** Fails unless `n` more bytes are available. */
  need(n: number, what: string, constructorId?: number): void {
    if (n > this.end - this.offset)
      throw new TlDecodeError(`${what} (${n} bytes, ${this.remaining} left)`, this.offset, constructorId);
  }

  /** int: signed 32-bit. */
  int(): number {
    this.need(4, 'int');
    const v = this.view.getInt32(this.offset, true);
    this.offset += 4;
    return v;
  }

  /** `#` and constructor IDs: unsigned 32-bit. */
  uint(): number {
    this.need(4, 'uint32');
    const v = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return v;
  }

  /** The next uint32 without consuming it. */
  peekUint(): number {
    this.need(4, 'constructor ID');
    return this.view.getUint32(this.offset, true);
  }

  /** long: signed 64-bit, as bigint. */
  long(): bigint {
    this.need(8, 'long');
    const v = this.view.getBigInt64(this.offset, true);
    this.offset += 8;
    return v;
  }

  /** double: IEEE-754 binary64. */
  double(): number {
    this.need(8, 'double');
    const v = this.view.getFloat64(this.offset, true);
    this.offset += 8;
    return v;
  }

  /** `n` raw bytes (a copy), e.g. int128 (16) and int256 (32). */
  raw(n: number): Uint8Array {
    this.need(n, `${n} raw bytes`);
    const v = this.bytes.slice(this.offset, this.offset + n);
    this.offset += n;
    return v;
  }

  int128(): Uint8Array {
    return this.raw(16);
  }

  int256(): Uint8Array {
    return this.raw(32);
  }

  /** TL `bytes` (core.telegram.org/mtproto/serialize): length prefix of 1 or 4 bytes, payload, padding to 4 (any padding bytes accepted). */
  tlBytes(): Uint8Array {
    const start = this.offset;
    this.need(1, 'bytes length');
    let len = this.bytes[this.offset]!;
    let head = 1;
    if (len === 254) {
      this.need(4, 'bytes long length');
      len =
        this.bytes[this.offset + 1]! |
        (this.bytes[this.offset + 2]! << 8) |
        (this.bytes[this.offset + 3]! << 16);
      head = 4;
    } else if (len === 255) {
      throw new TlDecodeError('bytes length prefix (0xff is not valid)', start);
    }
    const total = (head + len + 3) & ~3;
    // Checked before the copy: a 16 MB length prefix in a short message is an error, not an allocation.
    this.need(total, 'bytes payload');
    const v = this.bytes.slice(start + head, start + head + len);
    this.offset = start + total;
    return v;
  }

  /** TL `string`: `bytes` decoded as UTF-8 (invalid sequences become U+FFFD, never an exception). */
  string(): string {
    return utf8.decode(this.tlBytes());
  }
}
