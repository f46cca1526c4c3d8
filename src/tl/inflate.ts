/**
 * A DEFLATE decoder (RFC 1951) for gzip_packed: synchronous, because TL decoding is, and bounded,
 * because its input comes from the network. Output never grows past `limit` bytes, and every step
 * either consumes input bits or writes output, so the work is bounded by input size plus `limit`.
 *
 * Huffman codes are decoded one bit at a time against the canonical code's length counts (§3.2.2):
 * gzip_packed payloads are kilobytes, where this simple form costs little next to a table build.
 */

/** The stream is malformed or truncated. */
export class InflateError extends Error {
  override readonly name = 'InflateError';
}

/** The output would exceed the caller's limit. */
export class InflateLimitError extends Error {
  override readonly name = 'InflateLimitError';
}

/** A canonical Huffman code: how many codes have each length (1..15), and the symbols in code order. */
interface HuffmanCode {
  readonly counts: Uint16Array;
  readonly symbols: Uint16Array;
}

const MAX_BITS = 15;

/** §3.2.5: length codes 257..285 and distance codes 0..29 as (base, extra bits). */
const LENGTH_BASE = new Uint16Array(29);
const LENGTH_EXTRA = new Uint8Array(29);
const DIST_BASE = new Uint16Array(30);
const DIST_EXTRA = new Uint8Array(30);
// Extra bits grow by one every 4 length codes (every 2 distance codes) after the first 8 (4);
// each base follows the previous one's range. Length code 285 is 258 with no extra bits.
for (let i = 0, base = 3; i < 28; base += 1 << LENGTH_EXTRA[i]!, i++) {
  LENGTH_EXTRA[i] = i < 8 ? 0 : (i >> 2) - 1;
  LENGTH_BASE[i] = base;
}
LENGTH_BASE[28] = 258;
for (let i = 0, base = 1; i < 30; base += 1 << DIST_EXTRA[i]!, i++) {
  DIST_EXTRA[i] = i < 4 ? 0 : (i >> 1) - 1;
  DIST_BASE[i] = base;
}

/** §3.2.7: the order in which code length code lengths are sent. */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** Builds the canonical code for `lengths` (0 = unused symbol). Over-subscribed sets are refused. */
function huffmanCode(lengths: ArrayLike<number>): HuffmanCode {
  const counts = new Uint16Array(MAX_BITS + 1);
  for (let s = 0; s < lengths.length; s++) counts[lengths[s]!]!++;
  counts[0] = 0;
  let left = 1;
  for (let len = 1; len <= MAX_BITS; len++) {
    left = (left << 1) - counts[len]!;
    if (left < 0) throw new InflateError('over-subscribed Huffman code');
  }
  // An incomplete code is accepted: a bit pattern outside it fails in `decode`.
  const offsets = new Uint16Array(MAX_BITS + 2);
  for (let len = 1; len <= MAX_BITS; len++) offsets[len + 1] = offsets[len]! + counts[len]!;
  const symbols = new Uint16Array(lengths.length);
  for (let s = 0; s < lengths.length; s++) if (lengths[s]) symbols[offsets[lengths[s]!]!++] = s;
  return { counts, symbols };
}

/** §3.2.6: the fixed literal/length and distance codes. */
const FIXED_LENGTHS = huffmanCode(
  Array.from({ length: 288 }, (_, s) => (s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8)),
);
const FIXED_DISTANCES = huffmanCode(new Array<number>(30).fill(5));

/** Inflates the raw DEFLATE stream at `data[start..]`; returns the output and the offset after it. */
export function inflateRaw(data: Uint8Array, start: number, limit: number): { out: Uint8Array; end: number } {
  let pos = start;
  let bitBuf = 0;
  let bitCount = 0;
  let out = new Uint8Array(Math.min(limit, Math.max(1024, 4 * data.length)));
  let n = 0;

  /** The next `count` (<= 16) bits, least significant first. */
  const bits = (count: number): number => {
    while (bitCount < count) {
      if (pos >= data.length) throw new InflateError('truncated deflate stream');
      bitBuf |= data[pos++]! << bitCount;
      bitCount += 8;
    }
    const v = bitBuf & ((1 << count) - 1);
    bitBuf >>>= count;
    bitCount -= count;
    return v;
  };

  /** One symbol: codes are sent most significant bit first, so it is read bit by bit. */
  const decode = (h: HuffmanCode): number => {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len <= MAX_BITS; len++) {
      code |= bits(1);
      const count = h.counts[len]!;
      if (code - first < count) return h.symbols[index + code - first]!;
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    throw new InflateError('invalid Huffman code');
  };

  /** Room for `more` output bytes, growing the buffer up to `limit`. */
  const reserve = (more: number): void => {
    if (n + more <= out.length) return;
    if (n + more > limit) throw new InflateLimitError(`deflate output exceeds ${limit} bytes`);
    const grown = new Uint8Array(Math.min(limit, Math.max(2 * out.length, n + more)));
    grown.set(out.subarray(0, n));
    out = grown;
  };

  const storedBlock = (): void => {
    bitBuf = 0; // the rest of the current byte is padding
    bitCount = 0;
    if (pos + 4 > data.length) throw new InflateError('truncated stored block');
    const len = data[pos]! | (data[pos + 1]! << 8);
    const nlen = data[pos + 2]! | (data[pos + 3]! << 8);
    if (len !== (~nlen & 0xffff)) throw new InflateError('stored block length mismatch');
    pos += 4;
    if (pos + len > data.length) throw new InflateError('truncated stored block');
    reserve(len);
    out.set(data.subarray(pos, pos + len), n);
    n += len;
    pos += len;
  };

  /** §3.2.7: the code length code, then the literal/length and distance code lengths it encodes. */
  const dynamicCodes = (): [HuffmanCode, HuffmanCode] => {
    const nlen = bits(5) + 257;
    const ndist = bits(5) + 1;
    const ncode = bits(4) + 4;
    if (nlen > 286 || ndist > 30) throw new InflateError('too many length or distance codes');
    const codeLengths = new Uint8Array(19);
    for (let i = 0; i < ncode; i++) codeLengths[CODE_LENGTH_ORDER[i]!] = bits(3);
    const lengthCode = huffmanCode(codeLengths);
    const lengths = new Uint8Array(nlen + ndist);
    for (let i = 0; i < lengths.length;) {
      const sym = decode(lengthCode);
      if (sym < 16) {
        lengths[i++] = sym;
        continue;
      }
      let value = 0;
      let repeat: number;
      if (sym === 16) {
        if (i === 0) throw new InflateError('repeat with no previous length');
        value = lengths[i - 1]!;
        repeat = 3 + bits(2);
      } else repeat = sym === 17 ? 3 + bits(3) : 11 + bits(7);
      if (i + repeat > lengths.length) throw new InflateError('code lengths overrun');
      lengths.fill(value, i, i + repeat);
      i += repeat;
    }
    if (lengths[256] === 0) throw new InflateError('no end-of-block code');
    return [huffmanCode(lengths.subarray(0, nlen)), huffmanCode(lengths.subarray(nlen))];
  };

  const huffmanBlock = (lengthCode: HuffmanCode, distCode: HuffmanCode): void => {
    for (;;) {
      const sym = decode(lengthCode);
      if (sym < 256) {
        reserve(1);
        out[n++] = sym;
      } else if (sym === 256) return;
      else {
        const l = sym - 257;
        if (l >= 29) throw new InflateError('invalid length code');
        const length = LENGTH_BASE[l]! + bits(LENGTH_EXTRA[l]!);
        const d = decode(distCode);
        if (d >= 30) throw new InflateError('invalid distance code');
        const dist = DIST_BASE[d]! + bits(DIST_EXTRA[d]!);
        if (dist > n) throw new InflateError('distance before the start of the output');
        reserve(length);
        // Byte by byte: a match may overlap the bytes it is producing (dist < length).
        for (let i = 0; i < length; i++, n++) out[n] = out[n - dist]!;
      }
    }
  };

  for (let final = 0; !final;) {
    final = bits(1);
    const type = bits(2);
    if (type === 0) storedBlock();
    else if (type === 1) huffmanBlock(FIXED_LENGTHS, FIXED_DISTANCES);
    else if (type === 2) huffmanBlock(...dynamicCodes());
    else throw new InflateError('reserved block type');
  }
  return { out: out.subarray(0, n), end: pos };
}
