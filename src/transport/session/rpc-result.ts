/**
 * rpc_result envelopes (core.telegram.org/mtproto/service_messages "RPC Result"):
 *
 *   rpc_result#f35c6d01 req_msg_id:long result:Object = RpcResult;
 *   rpc_error#2144ca19 error_code:int error_message:string = RpcError;
 *
 * Read by hand because `result` must be decoded with the method that asked for it (bare vectors).
 */
import { RpcError } from '../errors.js';
import type { SessionCodec, TlLike } from './session-codec.js';
import { Ids, readLong, readUint, writeInt, writeLong } from './wire.js';

/** True when `body` is an rpc_result. */
export function isRpcResult(body: Uint8Array): boolean {
  return body.length >= 12 && readUint(body, 0) === Ids.rpcResult;
}

/** Splits an rpc_result into the request's msg_id and the raw result bytes. */
export function readRpcResult(body: Uint8Array): { reqMsgId: bigint; result: Uint8Array } {
  return { reqMsgId: readLong(body, 4), result: body.subarray(12) };
}

/** Builds an rpc_result around already-serialized result bytes. */
export function packRpcResult(reqMsgId: bigint, result: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + result.length);
  writeInt(out, 0, Ids.rpcResult);
  writeLong(out, 4, reqMsgId);
  out.set(result, 12);
  return out;
}

/**
 * Decodes a result for `methodName`: an `RpcError` for rpc_error (plain or gzip-packed), the decoded
 * value otherwise. Decoding failures propagate as the TL layer's typed errors.
 */
export function decodeResult(
  codec: SessionCodec,
  methodName: string,
  bytes: Uint8Array,
): { ok: true; value: unknown } | { ok: false; error: RpcError } {
  const head = bytes.length >= 4 ? readUint(bytes, 0) : 0;
  if (head === Ids.rpcError) return { ok: false, error: toRpcError(codec.deserialize(bytes), methodName) };
  if (head === Ids.gzipPacked) {
    // The TL reader unpacks gzip_packed#3072cfa1 when reading an Object; a Vector comes back raw
    // (its element type is only known from the method) and Bool as its constructor.
    const obj = codec.deserialize(bytes);
    if (obj._ === 'rpc_error') return { ok: false, error: toRpcError(obj, methodName) };
    if (obj._ === 'vector') return { ok: true, value: codec.deserializeResult(methodName, obj['raw'] as Uint8Array) };
    if (obj._ === 'boolTrue' || obj._ === 'boolFalse') return { ok: true, value: obj._ === 'boolTrue' };
    return { ok: true, value: obj };
  }
  return { ok: true, value: codec.deserializeResult(methodName, bytes) };
}

/** `RpcError` from an rpc_error object. */
export function toRpcError(obj: TlLike, method?: string): RpcError {
  return new RpcError(obj['errorCode'] as number, obj['errorMessage'] as string, method ? { method } : undefined);
}
