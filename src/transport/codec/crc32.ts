/**
 * CRC-32 (IEEE 802.3, reflected polynomial 0xedb88320) for the full transport's packet checksum
 * (PROTOCOL.md §B.5). Kept local so the framing does not wait on tl/'s copy; both compute the
 * same function.
 */

const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 of `data` as an unsigned 32-bit number; `seed` continues a previous result. */
export function frameCrc32(data: Uint8Array, seed = 0): number {
  let crc = (seed ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) crc = TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
