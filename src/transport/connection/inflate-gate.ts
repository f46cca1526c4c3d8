/**
 * gzip_packed's DEFLATE decoder arrives on demand in a browser build (src/tl/gunzip-bounded.ts).
 * The server only answers what we send, so a connection holds its first message until the decoder
 * has loaded or failed to load, or `HOLD_MS` passed on the connection's clock: a chunk request
 * that the network never answers must not hang a login. Node's doors install the decoder at once.
 */
import { inflateLoaded, loadInflate } from '../../tl/index.js';
import type { Clock } from '../clock.js';

const HOLD_MS = 5_000;

/** Starts loading the decoder (when a connection dials), so that it loads during the key exchange. */
export function prefetchInflate(): void {
  if (!inflateLoaded()) loadInflate().catch(() => undefined);
}

/** Defers `go` until the decoder settles or `HOLD_MS` pass, and says so; false (nothing deferred) once it is loaded. */
export function holdForInflate(clock: Clock, go: () => void): boolean {
  if (inflateLoaded()) return false;
  const timer = clock.setTimeout(go, HOLD_MS);
  void loadInflate()
    .finally(() => clock.clearTimeout(timer))
    .then(go, go);
  return true;
}
