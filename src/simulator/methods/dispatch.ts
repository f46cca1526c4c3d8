/**
 * The method table and the guards every call passes (core.telegram.org/api/auth, core.telegram.org/api/pfs, core.telegram.org/api/invoking, core.telegram.org/api/errors):
 * unknown method -> 400 INPUT_METHOD_INVALID; unbound temp key -> 401 AUTH_KEY_PERM_EMPTY;
 * user method before login -> 401 AUTH_KEY_UNREGISTERED (SESSION_PASSWORD_NEEDED while 2FA is due); user-only method from a bot -> 400 BOT_METHOD_INVALID.
 */
import { TransportError, type RpcError } from '../../transport/index.js';
import type { ClientInfo } from '../state/auth-keys.js';
import type { SimState } from '../state/sim-state.js';
import { fail, unregistered } from '../errors.js';
import { importBotAuthorization, importWebTokenAuthorization } from './bot-login.js';
import type { Call, CallContext, MethodResult, MethodSpec, TlValue } from './context.js';
import { exportAuthorization, importAuthorization } from './dc-auth.js';
import { resetLoginEmail, sendVerifyEmailCode, verifyEmail } from './email.js';
import { acceptTermsOfService, getConfig, getDifference, getNearestDc, getState, getUsers } from './help.js';
import { logOut, resetAuthorizations } from './logout.js';
import { checkPaidAuth } from './paid-auth.js';
import { finishFirebasePnvLogin, firebasePnvSignUp, initFirebasePnvLogin } from './firebase-pnv.js';
import { finishPasskeyLogin, initPasskeyLogin } from './passkey.js';
import { checkPassword, getPassword } from './password.js';
import { checkRecoveryPassword, recoverPassword, requestPasswordRecovery } from './password-recovery.js';
import { acceptLoginToken, exportLoginToken, importLoginToken } from './qr-login.js';
import { cancelCode, reportMissingCode, requestFirebaseSms, resendCode } from './resend-code.js';
import { sendCode } from './send-code.js';
import { signIn, signUp } from './sign-in.js';
import { bindTempAuthKey, dropTempAuthKeys } from './temp-keys.js';

const open = (handler: MethodSpec['handler'], userOnly = true): MethodSpec => ({ handler, unauthed: true, userOnly });

/** Every method the simulator implements. */
export const methods: Readonly<Record<string, MethodSpec>> = {
  'auth.sendCode': open(sendCode),
  'auth.resendCode': open(resendCode),
  'auth.cancelCode': open(cancelCode),
  'auth.reportMissingCode': open(reportMissingCode),
  'auth.requestFirebaseSms': open(requestFirebaseSms),
  'auth.checkPaidAuth': open(checkPaidAuth),
  'auth.resetLoginEmail': open(resetLoginEmail),
  'auth.signIn': open(signIn),
  'auth.signUp': open(signUp),
  'auth.checkPassword': open(checkPassword),
  'auth.requestPasswordRecovery': open(requestPasswordRecovery),
  'auth.checkRecoveryPassword': open(checkRecoveryPassword),
  'auth.recoverPassword': open(recoverPassword),
  'auth.exportLoginToken': open(exportLoginToken),
  'auth.importLoginToken': open(importLoginToken),
  'auth.acceptLoginToken': { handler: acceptLoginToken, userOnly: true },
  'auth.importBotAuthorization': open(importBotAuthorization, false),
  'auth.importWebTokenAuthorization': open(importWebTokenAuthorization),
  'auth.initPasskeyLogin': open(initPasskeyLogin),
  'auth.finishPasskeyLogin': open(finishPasskeyLogin),
  'auth.initFirebasePnvLogin': open(initFirebasePnvLogin),
  'auth.finishFirebasePnvLogin': open(finishFirebasePnvLogin),
  'auth.firebasePnvSignUp': open(firebasePnvSignUp),
  'auth.exportAuthorization': { handler: exportAuthorization },
  'auth.importAuthorization': open(importAuthorization, false),
  'auth.bindTempAuthKey': { handler: bindTempAuthKey, unauthed: true, onUnboundTemp: true },
  'auth.dropTempAuthKeys': { handler: dropTempAuthKeys },
  'auth.logOut': { handler: logOut },
  'auth.resetAuthorizations': { handler: resetAuthorizations, userOnly: true },
  'account.getPassword': open(getPassword, false),
  'account.sendVerifyEmailCode': open(sendVerifyEmailCode),
  'account.verifyEmail': open(verifyEmail),
  'help.getConfig': { handler: getConfig, unauthed: true, onUnboundTemp: true },
  'help.getNearestDc': { handler: getNearestDc, unauthed: true, onUnboundTemp: true },
  'help.acceptTermsOfService': { handler: acceptTermsOfService },
  'users.getUsers': { handler: getUsers },
  'updates.getState': { handler: getState },
  'updates.getDifference': { handler: getDifference },
};

/** Wrappers a request may still carry (when the session layer did not strip them, core.telegram.org/api/invoking). */
function unwrap(request: TlValue, ctx: CallContext): TlValue {
  let r = request;
  for (;;) {
    if (r._ === 'invokeWithLayer') ctx.layer = r.layer as number;
    else if (r._ === 'initConnection') ctx.client = clientInfo(r);
    else if (!['invokeWithoutUpdates', 'invokeAfterMsg', 'invokeAfterMsgs'].includes(r._)) return r;
    r = r.query as TlValue;
  }
}

/** The initConnection fields the simulator keeps. */
export function clientInfo(r: TlValue): ClientInfo {
  const s = (k: string) => (typeof r[k] === 'string' ? (r[k] as string) : '');
  return {
    apiId: typeof r.apiId === 'number' ? r.apiId : 0,
    deviceModel: s('deviceModel'),
    systemVersion: s('systemVersion'),
    appVersion: s('appVersion'),
    systemLangCode: s('systemLangCode'),
    langCode: s('langCode'),
  };
}

/** Runs one request. Throws `RpcError` (the answer) or `TransportError(-404)` for a vanished key. */
export async function dispatch(state: SimState, request: TlValue, ctx: CallContext): Promise<MethodResult> {
  const key = state.keys.get(ctx.authKeyId);
  if (!key) throw new TransportError(-404, 'auth key not found');
  const inner = unwrap(request, ctx);
  if (ctx.layer !== undefined) key.layer = ctx.layer;
  if (ctx.client !== undefined) key.client = ctx.client;
  const spec = Object.hasOwn(methods, inner._) ? methods[inner._] : undefined;
  if (!spec) throw fail(400, 'INPUT_METHOD_INVALID');
  if (key.kind === 'temp' && key.boundPermId === undefined && !spec.onUnboundTemp) throw fail(401, 'AUTH_KEY_PERM_EMPTY');
  const perm = state.keys.effective(key.id) ?? key;
  const user = perm.userId === undefined ? undefined : state.accounts.get(perm.userId);
  if (!spec.unauthed && !user) {
    // A key whose code was accepted and whose 2FA password is still due: 401 SESSION_PASSWORD_NEEDED
    // (in the 401 list of core.telegram.org/api/errors; which 401 Telegram answers here is UNVERIFIED).
    if (perm.passwordPendingUserId !== undefined) throw fail(401, 'SESSION_PASSWORD_NEEDED');
    throw unregistered();
  }
  if (spec.userOnly && user?.bot) throw fail(400, 'BOT_METHOD_INVALID');
  const call: Call = { state, ctx, key, perm };
  return spec.handler(inner, call);
}

export type { RpcError };
