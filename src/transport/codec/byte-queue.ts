/**
 * A FIFO of received bytes for the incremental frame decoders: chunks are queued as they arrive and
 * read back across chunk boundaries without re-concatenating the whole buffer on every push (which
 * would make a frame split into n chunks cost O(n^2)).
 */

/** Bytes received but not yet consumed by a decoder. */
export class ByteQueue {
  private chunks: Uint8Array[] = [];
  /** Read offset inside `chunks[0]`. */
  private head = 0;
  /** Number of unread bytes. */
  length = 0;

  /** Appends a chunk (kept by reference; callers hand over ownership). */
  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /** The unread byte at `index` (0 = next byte); the caller checks `index < length`. */
  byteAt(index: number): number {
    let i = index + this.head;
    for (const chunk of this.chunks) {
      if (i < chunk.length) return chunk[i]!;
      i -= chunk.length;
    }
    return 0;
  }

  /** Little-endian uint32 starting at unread byte `index`. */
  uint32LeAt(index: number): number {
    return (
      (this.byteAt(index) |
        (this.byteAt(index + 1) << 8) |
        (this.byteAt(index + 2) << 16) |
        (this.byteAt(index + 3) << 24)) >>>
      0
    );
  }

  /** Removes and returns the next `n` bytes as a fresh copy (so callers never alias socket buffers). */
  read(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const chunk = this.chunks[0]!;
      const take = Math.min(chunk.length - this.head, n - filled);
      out.set(chunk.subarray(this.head, this.head + take), filled);
      filled += take;
      this.head += take;
      if (this.head === chunk.length) {
        this.chunks.shift();
        this.head = 0;
      }
    }
    this.length -= n;
    return out;
  }

  /** Discards the next `n` bytes. */
  skip(n: number): void {
    let left = n;
    while (left > 0) {
      const chunk = this.chunks[0]!;
      const take = Math.min(chunk.length - this.head, left);
      left -= take;
      this.head += take;
      if (this.head === chunk.length) {
        this.chunks.shift();
        this.head = 0;
      }
    }
    this.length -= n;
  }

  /** Removes and returns everything unread. */
  drain(): Uint8Array {
    return this.read(this.length);
  }
}
