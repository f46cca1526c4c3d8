/** One-call serialization of TL objects and method results (the public codec of the tl layer). */
import type { EncodeOptions } from './encode.js';
import { TlDecodeError, TlEncodeError } from './errors.js';
import { byName } from './registry.js';
import { TlReader } from './tl-reader.js';
import { TlWriter } from './tl-writer.js';
import type { TlAny, TlMethod, TlMethods, TlResults } from './generated/types.js';
import type { ResultOf } from './types.js';

/**
 * Boxed bytes of a constructor or method call. `options.layer`: the layer the peer declared; constructors
 * with an older-layer variant in tl/schema/legacy.tl (user, paid-login constructors: see legacy.tl) are written in it.
 */
export function serializeObject(value: TlAny, options: EncodeOptions = {}): Uint8Array {
  return new TlWriter(options).object(value).finish();
}

/** Decodes exactly one boxed value (constructor or method call) filling all of `bytes`. */
export function deserializeObject(bytes: Uint8Array): TlAny {
  const r = new TlReader(bytes);
  const value = r.object();
  r.expectEnd();
  return value;
}

/**
 * Decodes the result of a method: by name, or from the request itself (so generic wrappers such as
 * invokeWithLayer resolve to their inner query). Needed where the result is a Vector or Bool.
 */
export function deserializeResult<M extends TlMethod>(method: M, bytes: Uint8Array): ResultOf<M>;
export function deserializeResult<N extends keyof TlMethods>(methodName: N, bytes: Uint8Array): TlResults[N];
export function deserializeResult(method: TlMethod | string, bytes: Uint8Array): unknown {
  const type = resultType(method);
  const r = new TlReader(bytes);
  const value = r.value(type);
  r.expectEnd();
  return value;
}

/** Serializes a method's result value (server side: the `result` of rpc_result, e.g. a Vector<User>). */
export function serializeResult(
  method: TlMethod | keyof TlMethods,
  value: unknown,
  options: EncodeOptions = {},
): Uint8Array {
  return new TlWriter(options).value(resultType(method), value).finish();
}

function resultType(method: TlMethod | string): string {
  let m: unknown = method;
  for (let depth = 0; depth < 16; depth++) {
    const name = typeof m === 'string' ? m : (m as { _?: unknown })._;
    const entry = typeof name === 'string' ? byName.get(name) : undefined;
    if (!entry?.isMethod) throw new TlEncodeError(String(name), 'not a method of this schema');
    if (entry.type !== 'X') return entry.type;
    if (typeof m === 'string') return 'Object';
    m = (m as { query?: unknown }).query;
  }
  throw new TlDecodeError('wrapper nesting <= 16', 0);
}
