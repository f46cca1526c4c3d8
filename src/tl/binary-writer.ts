/** Growable little-endian writer for TL primitives (core.telegram.org/mtproto/serialize, core.telegram.org/mtproto/serialize). */

const utf8 = new TextEncoder();

/** Appends TL primitives to a buffer that grows by doubling. */
export class BinaryWriter {
  protected buf: Uint8Array;
  protected view: DataView;
  /** Bytes written so far. */
  length = 0;

  constructor(initialSize = 256) {
    this.buf = new Uint8Array(initialSize);
    this.view = new DataView(this.buf.buffer);
  }

  /** Makes room for `n` more bytes. */
  protected reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** int or `#` (signed or unsigned 32-bit; the bits are the same). */
  int(v: number): this {
    this.reserve(4);
    this.view.setInt32(this.length, v | 0, true);
    this.length += 4;
    return this;
  }

  /** Overwrites the int at `offset` (used to back-patch lengths). */
  patchInt(offset: number, v: number): void {
    this.view.setInt32(offset, v | 0, true);
  }

  /** long (signed or unsigned 64-bit; the bits are the same). */
  long(v: bigint): this {
    this.reserve(8);
    this.view.setBigUint64(this.length, BigInt.asUintN(64, v), true);
    this.length += 8;
    return this;
  }

  double(v: number): this {
    this.reserve(8);
    this.view.setFloat64(this.length, v, true);
    this.length += 8;
    return this;
  }

  /** Raw bytes with no prefix (int128, int256, pre-serialized objects). */
  raw(v: Uint8Array): this {
    this.reserve(v.length);
    this.buf.set(v, this.length);
    this.length += v.length;
    return this;
  }

  /** TL `bytes` (core.telegram.org/mtproto/serialize); the caller guarantees `v.length < 2^24`. */
  tlBytes(v: Uint8Array): this {
    const len = v.length;
    const head = len <= 253 ? 1 : 4;
    const total = (head + len + 3) & ~3;
    this.reserve(total);
    const b = this.buf;
    let p = this.length;
    if (head === 1) b[p++] = len;
    else {
      b[p++] = 254;
      b[p++] = len & 0xff;
      b[p++] = (len >>> 8) & 0xff;
      b[p++] = (len >>> 16) & 0xff;
    }
    b.set(v, p);
    b.fill(0, p + len, this.length + total);
    this.length += total;
    return this;
  }

  /** TL `string`: UTF-8 then `bytes`. */
  string(v: string): this {
    return this.tlBytes(utf8.encode(v));
  }

  /** A copy of the bytes written. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}
