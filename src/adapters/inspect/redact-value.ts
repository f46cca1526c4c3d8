/**
 * Deep, copying redaction of arbitrary inspection data (events, snapshots, inputs, outputs,
 * errors). Never mutates its input: XState hands observers the objects it keeps using
 * (stately.ai/docs/inspection, sanitizers that mutate rewrite the caller's own event).
 *
 * A machine snapshot, wherever it is met (an inspection event's `snapshot`, what an actor's
 * `getSnapshot()` returns, the `snapshot` of an `xstate.snapshot.<id>` event), is structure plus
 * data: its `value`, `status`, `tags` and the ids of its `children` are not judged by name (they
 * are state names and actor ids, such as `{ waitPassword: 'checking' }` and `password`), while its
 * `context`, `output`, `error` and any other field are data, as everywhere else.
 */
import { isMachineSnapshot } from 'xstate';
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

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The names of the state nodes a live machine snapshot is in, or `undefined` when `value` is not
 * one: `isMachineSnapshot` alone only asks for a `machine` and a `value` field, which data could have.
 */
function stateNamesOf(value: object): Set<string> | undefined {
  if (!isMachineSnapshot(value)) return undefined;
  const nodes = (value as { _nodes?: unknown })._nodes;
  if (!Array.isArray(nodes) || typeof (value as { toJSON?: unknown }).toJSON !== 'function') return undefined;
  return new Set(nodes.map((node: { key?: unknown }) => node.key).filter((k) => typeof k === 'string'));
}

/** A state value made only of the given state names: `'idle'`, `{ waitPassword: 'checking' }`. */
function isStateValue(v: unknown, names: Set<string>, depth: number): boolean {
  if (typeof v === 'string') return names.has(v);
  if (!isRecord(v) || depth > 32) return false;
  return Object.entries(v).every(([k, x]) => names.has(k) && isStateValue(x, names, depth + 1));
}

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
      const stateNames = stateNamesOf(v);
      if (stateNames) return walkSnapshot(v as { toJSON(): unknown }, stateNames, depth);
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

  /**
   * A machine snapshot as JSON (what inspectors see): structure not judged by name, data as usual.
   * Strings in the structure still go through the value rules (a registered secret is removed even
   * from a state value, though a state name should never be one).
   */
  function walkSnapshot(snapshot: { toJSON(): unknown }, stateNames: Set<string>, depth: number): unknown {
    const json = snapshot.toJSON();
    if (!isRecord(json)) return walk(json, depth + 1);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(json)) {
      if (k === 'value' && isStateValue(x, stateNames, 0)) out[k] = walkStateValue(x);
      else if (k === 'status' && typeof x === 'string') out[k] = rules.scrubString(x);
      else if (k === 'tags' && Array.isArray(x) && x.every((t) => typeof t === 'string'))
        out[k] = x.map((t: string) => rules.scrubString(t));
      else if (k === 'children' && isRecord(x)) out[k] = walkChildren(x, depth + 1);
      else walkEntries([[k, x]], depth, out); // context, output, error, historyValue, anything new
    }
    return out;
  }

  /** State names are kept as keys; leaves, also state names, get the value rules. */
  function walkStateValue(v: unknown): unknown {
    if (typeof v === 'string') return rules.scrubString(v);
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walkStateValue(x)]),
    );
  }

  /** Actor ids are kept as keys when they name an actor; anything else there is data. */
  function walkChildren(children: Record<string, unknown>, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [id, child] of Object.entries(children)) {
      if (typeof child === 'object' && child !== null && isActorRef(child)) out[id] = walk(child, depth + 1);
      else walkEntries([[id, child]], depth, out);
    }
    return out;
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
