/** A `Random` that replays given byte strings in order and fails loudly if asked for anything else. */
import { hexToBytes, type Random } from '../../../src/crypto/index.js';

export function replayRandom(...hexParts: string[]): Random & { readonly remaining: number } {
  const parts = hexParts.map((h) => hexToBytes(h));
  return {
    get remaining() {
      return parts.length;
    },
    bytes(n: number): Uint8Array {
      const next = parts.shift();
      if (!next || next.length !== n) throw new RangeError(`replayRandom: asked for ${n} bytes, next part has ${next?.length ?? 'none'}`);
      return next.slice();
    },
  };
}
