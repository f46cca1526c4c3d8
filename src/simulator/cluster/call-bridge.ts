/**
 * The bridge between the session layer and the method dispatcher (PROTOCOL.md §L.2 step 7): each
 * request the server session unwrapped becomes a `CallContext` (DC, key, session, msg_id, the layer
 * and client info the key declared), goes through the fault switches and `dispatch`, and its result
 * is serialized here in the layer that connection declared, so a layer-198 client reads the older
 * `user#4b46c37e`, a layer-223 client `user#31774388` and a layer-229 client `user#b1b8cc83`.
 */
import { serializeObject, serializeResult, type TlAny, type TlMethods } from '../../tl/index.js';
import type { ServerAnswer, ServerRequestContext, TlLike } from '../../transport/index.js';
import { clientInfo, dispatch } from '../methods/dispatch.js';
import type { CallContext, MethodResult, TlValue } from '../methods/context.js';
import type { SimState } from '../state/sim-state.js';
import type { Faults } from './faults.js';

/** Builds the `handle` callback of one DC's server session handler. */
export function callBridge(dcId: number, state: SimState, faults: Faults) {
  return async (request: TlLike, rctx: ServerRequestContext): Promise<ServerAnswer> => {
    const ks = rctx.keyState;
    const ctx: CallContext = { dcId, authKeyId: ks.authKeyId, sessionId: rctx.session.id, msgId: rctx.msgId };
    if (ks.layer !== undefined) ctx.layer = ks.layer;
    if (ks.initConnection !== undefined) ctx.client = clientInfo(ks.initConnection as TlValue);
    for (const listener of state.callListeners) listener({ dcId, method: request._ });
    await faults.before(request._);
    const result = await dispatch(state, request as TlValue, ctx);
    // The layer this key declared, even when this request came without invokeWithLayer.
    const layer = ctx.layer ?? state.keys.get(ks.authKeyId)?.layer;
    return encodeResult(request._, result, layer);
  };
}

/** A handler's result as rpc_result bytes: objects boxed, Bool and bare vectors by the method's type. */
export function encodeResult(method: string, result: MethodResult, layer: number | undefined): Uint8Array {
  const options = { layer };
  if (typeof result === 'object' && !Array.isArray(result))
    return serializeObject(result as unknown as TlAny, options);
  return serializeResult(method as keyof TlMethods, result, options);
}
