/** The session bytes saved as number `i` in the crash test: 64 KiB, recognisable, index first. */
export const CRASH_VALUE_SIZE = 64 * 1024;

export function crashValue(i: number): Uint8Array {
  const out = new Uint8Array(CRASH_VALUE_SIZE);
  new DataView(out.buffer).setUint32(0, i);
  for (let k = 4; k < out.length; k++) out[k] = (k * 131 + i * 17) & 0xff;
  return out;
}
