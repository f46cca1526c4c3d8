/** Shared helpers for the codec tests: scripted randomness, chunk splitting, codec pairs. */
import type { Random } from '../../../src/crypto/index.js';
import { pureCrypto } from '../../../src/crypto/index.js';
import {
  ServerCodec,
  createClientCodec,
  type CodecKind,
  type FrameCodec,
  type FrameEvent,
} from '../../../src/transport/index.js';
import { fixedRandom } from '../../helpers/fixed-random.js';

export const KINDS: CodecKind[] = ['abridged', 'intermediate', 'padded', 'full'];

/** Every (kind, obfuscated) pair a client can use: full has no tag, so it has no obfuscated form. */
export const VARIANTS: { kind: CodecKind; obfuscated: boolean }[] = KINDS.flatMap(
  (kind): { kind: CodecKind; obfuscated: boolean }[] =>
    kind === 'full'
      ? [{ kind, obfuscated: false }]
      : [false, true].map((obfuscated) => ({ kind, obfuscated })),
);

/** A Random that returns the given byte strings in order (each call must ask for that length), then falls back. */
export function scriptedRandom(
  script: Uint8Array[],
  fallback: Random = fixedRandom('scripted'),
): Random & { calls: number } {
  const queue = [...script];
  const r = {
    calls: 0,
    bytes(n: number): Uint8Array {
      r.calls++;
      const next = queue.shift();
      if (!next) return fallback.bytes(n);
      if (next.length !== n) throw new RangeError(`script wanted ${next.length} bytes, asked for ${n}`);
      return next.slice();
    },
  };
  return r;
}

/** Splits `bytes` at the given cut points (taken modulo the length, deduplicated). */
export function splitAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  if (bytes.length === 0) return [];
  const points = [...new Set(cuts.map((c) => c % bytes.length))].filter((c) => c > 0).sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let start = 0;
  for (const p of points) {
    out.push(bytes.slice(start, p));
    start = p;
  }
  out.push(bytes.slice(start));
  return out;
}

/** Concatenates byte arrays. */
export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** A client codec for the variant and the auto-detecting server codec facing it. */
export function codecPair(
  kind: CodecKind,
  obfuscated: boolean,
  seed = 'pair',
): { client: FrameCodec; server: ServerCodec } {
  const random = fixedRandom(seed);
  const client = createClientCodec(kind, {
    random,
    ...(obfuscated ? { obfuscated: { crypto: pureCrypto, dc: { dcId: 2 } } } : {}),
  });
  return { client, server: new ServerCodec({ crypto: pureCrypto, random }) };
}

/** Feeds chunks into `codec.decode` and collects the events. */
export function decodeAll(codec: FrameCodec, chunks: Uint8Array[]): FrameEvent[] {
  return chunks.flatMap((c) => codec.decode(c));
}

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
export const unhex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
