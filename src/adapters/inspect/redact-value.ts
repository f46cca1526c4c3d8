/**
 * Deep, copying redaction of arbitrary inspection data (events, snapshots, inputs, outputs,
 * errors). Never mutates its input: XState hands observers the objects it keeps using
 * (xstate-notes §4.2, sanitizers that mutate rewrite the caller's own event).
 */
import { Sealed } from '../../machines/index.js';
import { REDACTED, type RedactionRules } from './redaction-rules.js';

/** An actor reference met inside data (a snapshot's `children`): rendered as its JSON form. */
function isActorRef(value: object): value is { id: string; sessionId: string } {
  const v = value as { sessionId?: unknown; getSnapshot?: unknown; send?: unknown };
  return (
    typeof v.sessionId === 'string' && typeof v.getSnapshot === 'function' && typeof v.send === 'function'
  );
}

const bytesMarker = (n: number): string => `[redacted ${n} bytes]`;

/** How `redactValue` treats what is not plainly data. */
export interface RedactValueOptions {
  /**
   * Functions become `{ type: name }` as Stately's tools render them, instead of being dropped
   * (machine definitions, where inline actions, guards and inputs are functions).
   */
  readonly describeFunctions?: boolean;
  /**
   * Redact fields by their name (default). `false` applies the value rules only (bytes, `Secret`s,
   * registered strings, QR login links): for text a machine's author wrote, such as `meta`.
   */
  readonly byKeyName?: boolean;
}

/**
 * A redacted deep copy of `value`: plain objects, arrays and primitives only (plus bigint).
 * Functions are dropped unless `describeFunctions` (`true` as the third argument means that too).
 */
export function redactValue(
  value: unknown,
  rules: RedactionRules,
  options: boolean | RedactValueOptions = {},
): unknown {
  const { describeFunctions = false, byKeyName = true } =
    typeof options === 'boolean' ? { describeFunctions: options } : options;
  const seen = new WeakSet<object>();

  function walk(v: unknown, depth: number): unknown {
    if (typeof v === 'string') return rules.scrubString(v);
    if (typeof v === 'function') return describeFunctions ? { type: v.name } : undefined;
    if (typeof v !== 'object' || v === null) return v; // numbers, booleans, bigint, symbols, null/undefined
    if (v instanceof Sealed) return String(v); // '[secret]' or '[sealed]'
    if (ArrayBuffer.isView(v)) return bytesMarker(v.byteLength);
    if (v instanceof ArrayBuffer) return bytesMarker(v.byteLength);
    if (isActorRef(v)) return { xstate$$type: 1, id: v.id };
    if (depth > rules.maxDepth) return '[depth limit]';
    if (seen.has(v)) return '[circular]';
    seen.add(v);
    try {
      if (v instanceof Error) {
        const { name, message } = v;
        return walkEntries(Object.entries(v), depth, { name, message: rules.scrubString(message) });
      }
      if (v instanceof Map)
        return walkEntries(
          [...v.entries()].map(([k, x]) => [String(k), x]),
          depth,
          {},
        );
      if (v instanceof Set) return [...v].map((x) => walk(x, depth + 1));
      if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
      // Snapshots, dates and the like: what JSON (and every inspector) would see.
      const toJSON = (v as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') return walk(toJSON.call(v), depth + 1);
      return walkEntries(Object.entries(v), depth, {});
    } finally {
      seen.delete(v); // shared (non-circular) sub-objects are legal: only ancestors count
    }
  }

  function walkEntries(
    entries: [string, unknown][],
    depth: number,
    out: Record<string, unknown>,
  ): Record<string, unknown> {
    for (const [k, x] of entries) {
      const keep = x === null || x === undefined || typeof x === 'number' || typeof x === 'boolean';
      out[k] = byKeyName && rules.isSecretKey(k) && !keep ? REDACTED : walk(x, depth + 1);
    }
    return out;
  }

  return walk(value, 0);
}
