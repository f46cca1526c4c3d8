/** Reconnect delays: exponential from `initialMs`, capped at `maxMs`. No jitter: one client per DC. */
export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  factor?: number;
}

/** The delay before reconnect attempt `attempt` (0-based). */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const { initialMs = 500, maxMs = 30_000, factor = 2 } = options;
  return Math.min(maxMs, initialMs * factor ** attempt);
}
