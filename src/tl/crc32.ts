/**
 * IEEE CRC-32 (zlib `crc32`: polynomial 0xEDB88320, init and xorout 0xFFFFFFFF).
 * TL constructor IDs are this CRC of the normalized schema line (core.telegram.org/mtproto/TL-tl); gzip trailers use it too.
 */

let table: Uint32Array | undefined;

function crcTable(): Uint32Array {
  if (table) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** CRC-32 of `data` (bytes, or a string taken as UTF-8) as an unsigned 32-bit number. */
export function crc32(data: Uint8Array | string): number {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const t = crcTable();
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * The text whose CRC-32 is the constructor ID of a TL schema line (core.telegram.org/mtproto/TL-tl): drop `;` and the
 * `#id`, drop `name:flagsK.N?true` fields, hash `bytes` as `string`, `<`→space, drop `>` `{` `}`, and write
 * the bare `%Message` as `message` (msg_container is hashed as `vector message`).
 */
export function normalizeTlLine(line: string): string {
  return line
    .replace(/;\s*$/, '')
    .replace(/^([\w.]+)#[0-9a-fA-F]+/, '$1')
    .replace(/ \w+:flags\d*\.\d+\?true(?=\s)/g, '')
    .replace(/:bytes /g, ':string ')
    .replace(/\?bytes /g, '?string ')
    .replace(/</g, ' ')
    .replace(/>/g, '')
    .replace(/[{}]/g, '')
    .replace(/%([A-Z])/g, (_m, c: string) => c.toLowerCase())
    .replace(/\s+/g, ' ')
    .trim();
}
