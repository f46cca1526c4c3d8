/**
 * Authorization transfer between DCs (core.telegram.org/api/datacenter "Authorization transfer"):
 * `auth.exportAuthorization#e5bfffcd dc_id:int = auth.ExportedAuthorization;`
 * `auth.importAuthorization#a57a7dad id:long bytes:bytes = auth.Authorization;`
 */
import { bytesToHex } from '../../crypto/index.js';
import { fail } from '../errors.js';
import { authorize } from './authorize.js';
import { bytes, int, long, requireUser, type Call, type MethodResult, type TlValue } from './context.js';

/** Export blobs are one-use and short-lived. */
const EXPORT_TTL_MS = 5 * 60_000;

export function exportAuthorization(req: TlValue, call: Call): MethodResult {
  const { state } = call;
  const account = requireUser(call);
  const dcId = int(req, 'dcId');
  if (dcId < 1 || dcId > state.settings.dcCount || dcId === call.ctx.dcId) throw fail(400, 'DC_ID_INVALID');
  const blob = state.random.bytes(32);
  state.exports.set(bytesToHex(blob), { userId: account.id, dcId, expiresAt: state.now() + EXPORT_TTL_MS });
  return { _: 'auth.exportedAuthorization', id: account.id, bytes: blob };
}

export function importAuthorization(req: TlValue, call: Call): MethodResult {
  const { state } = call;
  const hex = bytesToHex(bytes(req, 'bytes'));
  const record = state.exports.get(hex);
  if (!record || record.dcId !== call.ctx.dcId) throw fail(400, 'AUTH_BYTES_INVALID');
  if (BigInt.asUintN(64, long(req, 'id')) !== BigInt.asUintN(64, record.userId)) throw fail(400, 'USER_ID_INVALID');
  state.exports.delete(hex);
  const account = state.accounts.get(record.userId);
  if (!account) throw fail(400, 'USER_ID_INVALID');
  return authorize(call, account);
}
