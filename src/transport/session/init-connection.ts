/**
 * The first-request wrapper (core.telegram.org/api/invoking):
 *
 *   invokeWithLayer#da9b0d0d layer:int query:!X
 *   initConnection#c1cd5ea9 flags:# api_id:int device_model:string system_version:string
 *     app_version:string system_lang_code:string lang_pack:string lang_code:string
 *     proxy:flags.0?InputClientProxy params:flags.1?JSONValue query:!X
 *
 * The server stores the layer and client info with the auth key; the first call of a session carries
 * them, later calls go bare.
 */
import { LAYER } from '../../tl/index.js';
import type { TlLike } from './session-codec.js';

/** The layer this build speaks: the pinned schema's (src/tl/schema/api.tl). */
export const API_LAYER = LAYER;

/** Client information sent in initConnection. `langPack` is for official apps only: keep it "". */
export interface InitConnectionParams {
  apiId: number;
  deviceModel: string;
  systemVersion: string;
  appVersion: string;
  systemLangCode: string;
  langCode: string;
  langPack?: string;
  layer?: number;
}

/** Wraps a request in invokeWithLayer(layer, initConnection(params, request)). */
export function wrapInitConnection(params: InitConnectionParams, query: TlLike): TlLike {
  return {
    _: 'invokeWithLayer',
    layer: params.layer ?? API_LAYER,
    query: {
      _: 'initConnection',
      apiId: params.apiId,
      deviceModel: params.deviceModel,
      systemVersion: params.systemVersion,
      appVersion: params.appVersion,
      systemLangCode: params.systemLangCode,
      langPack: params.langPack ?? '',
      langCode: params.langCode,
      query,
    },
  };
}

/** A first-request wrapper for `ClientSession`, built from client info. */
export function initConnectionWrapper(params: InitConnectionParams): (query: TlLike) => TlLike {
  return (query) => wrapInitConnection(params, query);
}

/** Peels invokeWithLayer / initConnection / invokeAfterMsg(s) / invokeWithoutUpdates off a request. */
export function unwrapRequest(request: TlLike): {
  query: TlLike;
  layer?: number;
  init?: TlLike;
  afterMsgIds?: bigint[];
} {
  const out: { query: TlLike; layer?: number; init?: TlLike; afterMsgIds?: bigint[] } = { query: request };
  for (;;) {
    const q = out.query;
    if (q._ === 'invokeWithLayer') out.layer = q['layer'] as number;
    else if (q._ === 'initConnection') out.init = q;
    else if (q._ === 'invokeAfterMsg') out.afterMsgIds = [q['msgId'] as bigint];
    else if (q._ === 'invokeAfterMsgs') out.afterMsgIds = q['msgIds'] as bigint[];
    else if (q._ !== 'invokeWithoutUpdates') return out;
    out.query = q['query'] as TlLike;
  }
}

/** MTProto service methods (src/tl/schema/mtproto.tl): never wrapped, answered by the session itself. */
const SERVICE_METHODS = new Set([
  'ping',
  'ping_delay_disconnect',
  'get_future_salts',
  'rpc_drop_answer',
  'destroy_session',
  'destroy_auth_key',
  'msgs_state_req',
]);

/** True for an MTProto service method (as opposed to an API method that initConnection may wrap). */
export function isServiceMethod(name: string): boolean {
  return SERVICE_METHODS.has(name);
}
