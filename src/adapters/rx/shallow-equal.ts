/**
 * `shallowEqual`: the comparison for selectors that build a new object or array from a view each
 * time (their result is never `Object.is`-equal, so without it every view change would re-render).
 */

/** True when `a` and `b` are `Object.is`-equal, or are plain objects/arrays with `Object.is`-equal own entries. */
export function shallowEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && Object.is(ra[k], rb[k]));
}
