/**
 * The TL port of the session layer. The session reads envelopes (containers, rpc_result headers) by
 * hand and hands everything else to this codec: service messages, requests, results and updates.
 * The default is the TL layer (`tlSessionCodec`); tests may inject a stand-in.
 */
import { deserializeObject, deserializeResult, serializeObject, serializeResult } from '../../tl/index.js';
import type { TlAny, TlMethods } from '../../tl/index.js';

/** A TL object or method as the TL layer represents it: a plain object with a literal `_`. */
export interface TlLike {
  readonly _: string;
  readonly [field: string]: unknown;
}

export interface SessionCodec {
  /** Boxed bytes of an object or method. */
  serialize(obj: TlLike): Uint8Array;
  /** Decodes one boxed object, unpacking `gzip_packed` transparently. */
  deserialize(bytes: Uint8Array): TlLike;
  /** Decodes the (unpacked) result of `methodName`; bare-vector and Bool results need the method. */
  deserializeResult(methodName: string, bytes: Uint8Array): unknown;
  /** Serializes a method's result value (server side: vectors, Bool, objects). */
  serializeResult(methodName: string, value: unknown): Uint8Array;
}

/** The TL layer as a `SessionCodec`. */
export const tlSessionCodec: SessionCodec = {
  serialize: (obj) => serializeObject(obj as unknown as TlAny),
  deserialize: (bytes) => deserializeObject(bytes) as unknown as TlLike,
  deserializeResult: (methodName, bytes) => deserializeResult(methodName as keyof TlMethods, bytes),
  serializeResult: (methodName, value) => serializeResult(methodName as keyof TlMethods, value),
};
