/**
 * The bridge between the session layer and the method dispatcher (docs/ARCHITECTURE.md "The simulator" step 7): each
 * request the server session unwrapped becomes a `CallContext` (DC, key, session, msg_id, the layer
 * and client info the key declared), goes through the fault switches and `dispatch`, and its result
 * is serialized here in the layer that connection declared, so a layer-198 client reads the older
 * `user#4b46c37e`, a layer-223 client `user#31774388` and a layer-229 client `user#b1b8cc83`. Every
 * answer is noted in the cluster's bounded RPC log (names and ids only) for the console.
 */
import { serializeObject, serializeResult, type TlAny, type TlMethods } from '../../tl/index.js';
import { RpcError, type Clock, type ServerAnswer, type ServerRequestContext, type TlLike } from '../../transport/index.js';
import { clientInfo, dispatch } from '../methods/dispatch.js';
import type { CallContext, MethodResult, TlValue } from '../methods/context.js';
import type { SimState } from '../state/sim-state.js';
import type { Faults } from './faults.js';

/** Builds the `handle` callback of one DC's server session handler; `clock` is real time, for latency. */
export function callBridge(dcId: number, state: SimState, faults: Faults, clock: Clock) {
  return async (request: TlLike, rctx: ServerRequestContext): Promise<ServerAnswer> => {
    const ks = rctx.keyState;
    const ctx: CallContext = { dcId, authKeyId: ks.authKeyId, sessionId: rctx.session.id, msgId: rctx.msgId };
    if (ks.layer !== undefined) ctx.layer = ks.layer;
    if (ks.initConnection !== undefined) ctx.client = clientInfo(ks.initConnection as TlValue);
    for (const listener of state.callListeners) listener({ dcId, method: request._ });
    const started = clock.now();
    const at = state.now();
    let result: MethodResult;
    try {
      await faults.before(request._);
      result = await dispatch(state, request as TlValue, ctx);
    } catch (error) {
      const failure = error instanceof RpcError ? error : new RpcError(500, 'INTERNAL');
      logCall(state, dcId, request, ctx.authKeyId, at, clock.now() - started, failure);
      throw error;
    }
    logCall(state, dcId, request, ctx.authKeyId, at, clock.now() - started, result);
    // The layer this key declared, even when this request came without invokeWithLayer.
    const layer = ctx.layer ?? state.keys.get(ks.authKeyId)?.layer;
    return encodeResult(request._, result, layer);
  };
}

/** Notes one answer in the RPC log: who asked (key, user or phone) and what came back. */
function logCall(
  state: SimState,
  dcId: number,
  request: TlLike,
  authKeyId: bigint,
  at: number,
  ms: number,
  result: MethodResult | RpcError,
): void {
  if (state.rpcLog.capacity > 0) {
    const key = state.keys.get(authKeyId);
    const perm = key?.kind === 'temp' && key.boundPermId !== undefined ? state.keys.get(key.boundPermId) : key;
    const userId = perm?.userId ?? perm?.passwordPendingUserId;
    const named = (request as { phoneNumber?: unknown }).phoneNumber;
    const phone =
      typeof named === 'string' ? named.replace(/\D/g, '') : userId !== undefined ? state.accounts.get(userId)?.phone : undefined;
    state.rpcLog.add({
      at,
      dcId,
      method: request._,
      authKeyId: BigInt.asUintN(64, authKeyId),
      permKeyId: perm && perm !== key ? perm.id : undefined,
      userId,
      phone: phone || undefined,
      ...(result instanceof RpcError ? { error: `${result.code} ${result.text}` } : { result: resultName(result) }),
      ms,
    });
  }
  state.notify('rpc');
}

function resultName(result: MethodResult): string {
  if (typeof result === 'boolean') return String(result);
  if (Array.isArray(result)) return 'vector';
  return String(result._);
}

/** A handler's result as rpc_result bytes: objects boxed, Bool and bare vectors by the method's type. */
export function encodeResult(method: string, result: MethodResult, layer: number | undefined): Uint8Array {
  const options = { layer };
  if (typeof result === 'object' && !Array.isArray(result))
    return serializeObject(result as unknown as TlAny, options);
  return serializeResult(method as keyof TlMethods, result, options);
}
