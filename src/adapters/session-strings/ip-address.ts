/** Packed IP addresses (4 or 16 bytes, network order), as Python's `ipaddress.ip_address(...).packed`. */

/** Packs an IPv4 or IPv6 literal; `undefined` if `text` is not one. */
export function packIp(text: string): Uint8Array | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    return parts.every((p) => p <= 255) ? new Uint8Array(parts) : undefined;
  }
  if (!/^[0-9a-fA-F:]+$/.test(text) || (text.match(/::/g)?.length ?? 0) > 1) return undefined;
  const [head = '', tail] = text.split('::');
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const fill = 8 - left.length - right.length;
  if (tail === undefined ? fill !== 0 : fill < 1) return undefined;
  const all = [...left, ...Array<string>(fill).fill('0'), ...right];
  if (!all.every((g) => g.length >= 1 && g.length <= 4)) return undefined;
  const out = new Uint8Array(16);
  all.forEach((g, i) => {
    const n = parseInt(g, 16);
    out[2 * i] = n >> 8;
    out[2 * i + 1] = n & 0xff;
  });
  return out;
}

/** Formats 4 or 16 packed bytes (IPv6 as eight full groups, lower-case, no `::` compression). */
export function unpackIp(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  return groups.join(':');
}
