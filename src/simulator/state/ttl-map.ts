/** A map whose entries vanish at an absolute time, judged against the simulator clock on read. */

/** Entries carry their own `expiresAt` (ms); reads of expired entries delete them. */
export class TtlMap<K, V extends { expiresAt: number }> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly now: () => number) {}

  set(key: K, value: V): void {
    this.entries.set(key, value);
  }

  /** The live entry, or undefined when absent or expired. */
  get(key: K): V | undefined {
    const v = this.entries.get(key);
    if (v && v.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return v;
  }

  /** True when the key was ever set and has expired (kept for a distinct "expired" answer). */
  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** The entry even if expired (to tell EXPIRED from INVALID), without deleting it. */
  peek(key: K): V | undefined {
    return this.entries.get(key);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  /** Drops expired entries; called from time to time so abandoned logins do not pile up. */
  sweep(graceMs = 0): void {
    const limit = this.now() - graceMs;
    for (const [k, v] of this.entries) if (v.expiresAt <= limit) this.entries.delete(k);
  }

  values(): IterableIterator<V> {
    return this.entries.values();
  }

  get size(): number {
    return this.entries.size;
  }
}
