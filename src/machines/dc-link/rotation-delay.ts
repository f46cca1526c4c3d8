/**
 * When to replace a temp key (core.telegram.org/api/pfs): mtcute starts the replacement an hour (plus up to
 * ten minutes of jitter) before expiry. Short lifetimes scale that down to a quarter and a tenth of
 * the TTL, so a 10-minute key still rotates well before the server forgets it.
 */
import type { Random } from '../../crypto/index.js';

/** Milliseconds from a bind until its key's replacement should start; jitter from `random`. */
export function rotationDelayMs(ttlSeconds: number, random: Random): number {
  const ttl = ttlSeconds * 1000;
  const margin = Math.min(3_600_000, ttl / 4);
  const jitterMax = Math.min(600_000, ttl / 10);
  const b = random.bytes(4);
  const unit = new DataView(b.buffer, b.byteOffset, 4).getUint32(0, true) / 2 ** 32;
  return Math.max(1000, Math.floor(ttl - margin - unit * jitterMax));
}
