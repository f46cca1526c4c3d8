/**
 * Forgot the password (core.telegram.org/api/srp "Password recovery"), usable once the login code was accepted:
 * `auth.requestPasswordRecovery#d897bc66 = auth.PasswordRecovery;`
 * `auth.checkRecoveryPassword#d36bf79 code:string = Bool;`
 * `auth.recoverPassword#37096c70 flags:# code:string new_settings:flags.0?account.PasswordInputSettings = auth.Authorization;`
 */
import type { Account, PasswordRecord } from '../state/accounts.js';
import { fail } from '../errors.js';
import { authorize } from './authorize.js';
import { bytes, int, obj, str, type Call, type MethodResult, type TlValue } from './context.js';
import { maskEmail } from './code-delivery.js';
import { passwordAccount } from './password.js';

const RECOVERY_TTL_MS = 60 * 60_000;

function accountWithPassword(call: Call): Account & { password: PasswordRecord } {
  const account = passwordAccount(call);
  if (!account?.password) throw fail(400, 'PASSWORD_EMPTY');
  return account as Account & { password: PasswordRecord };
}

export function requestPasswordRecovery(_req: TlValue, call: Call): MethodResult {
  const { state } = call;
  const account = accountWithPassword(call);
  const email = account.password.recoveryEmail;
  if (!email) throw fail(400, 'PASSWORD_RECOVERY_NA');
  const code = state.randomCode(6);
  state.recoveryCodes.set(account.id, { userId: account.id, code, expiresAt: state.now() + RECOVERY_TTL_MS });
  const message = {
    channel: 'email',
    to: email,
    code,
    text: `Password recovery code: ${code}`,
    date: state.clock.seconds(),
    purpose: 'recovery',
    phone: account.phone,
    expiresAt: state.now() + RECOVERY_TTL_MS,
  } as const;
  state.inbox.deliver(email, message);
  state.inbox.deliver(account.phone, message);
  return { _: 'auth.passwordRecovery', emailPattern: maskEmail(email) };
}

/** PASSWORD_RECOVERY_EXPIRED without a live code, CODE_INVALID for a wrong one. */
function checkCode(call: Call, account: Account, code: string): void {
  const record = call.state.recoveryCodes.get(account.id);
  if (!record) throw fail(400, 'PASSWORD_RECOVERY_EXPIRED');
  if (record.code !== code) throw fail(400, 'CODE_INVALID');
}

export function checkRecoveryPassword(req: TlValue, call: Call): MethodResult {
  checkCode(call, accountWithPassword(call), str(req, 'code'));
  return true;
}

export function recoverPassword(req: TlValue, call: Call): MethodResult {
  const { state } = call;
  const code = str(req, 'code');
  if (code === '') throw fail(400, 'CODE_EMPTY');
  const account = accountWithPassword(call);
  checkCode(call, account, code);
  const settings = obj(req, 'newSettings');
  const password = settings ? newPassword(settings, account.password) : undefined;
  state.recoveryCodes.delete(account.id);
  state.accounts.update(account.id, { password });
  return authorize(call, account);
}

/** A new password from account.passwordInputSettings, or undefined to remove it (core.telegram.org/api/srp "Setting a password"). */
function newPassword(settings: TlValue, old: PasswordRecord): PasswordRecord | undefined {
  const algo = obj(settings, 'newAlgo');
  const hash = bytes(settings, 'newPasswordHash');
  if (!algo && hash.length === 0) return undefined;
  if (algo?._ !== 'passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow' || hash.length !== 256) {
    throw fail(400, 'NEW_SETTINGS_INVALID');
  }
  const record: PasswordRecord = {
    salt1: bytes(algo, 'salt1'),
    salt2: bytes(algo, 'salt2'),
    g: int(algo, 'g'),
    p: bytes(algo, 'p'),
    v: hash,
    hint: str(settings, 'hint') || undefined,
    recoveryEmail: str(settings, 'email') || old.recoveryEmail,
  };
  if (record.salt1.length < 8 || record.p.length !== 256) throw fail(400, 'NEW_SETTINGS_INVALID');
  return record;
}
