/**
 * What a person reads when a login step fails: every error a view can carry gets a stable
 * `code` (`AuthError.code`) and an English sentence, which an app may replace (translation) with
 * `createAuthEngine({ messages })`. docs/ERRORS.md is the reviewed table; the raw cause stays in
 * `AuthError.type` and `AuthError.detail`. Kept as compact strings: this ships in browser bundles.
 */

/** The English sentences, by code. `{seconds}`, `{type}` and `{command}` are filled in. */
export const ERROR_MESSAGES = {
  'phone.invalid': 'This phone number is not valid: type it with the country code, digits only.',
  'phone.banned': 'This phone number is banned from Telegram.',
  'phone.unavailable': 'Telegram cannot send a code to this number now.',
  'code.empty': 'Type the code you received.',
  'code.format': 'A login code has digits only.',
  'code.invalid': 'This code is wrong: check it and type it again.',
  'code.expired': 'This code has expired: ask for a new one.',
  'email.invalid': 'This e-mail address is not valid.',
  'email.expired': 'The e-mail code has expired: ask for a new one.',
  'password.invalid': 'Wrong password: try again.',
  'password.changed': 'The password was changed meanwhile: type the new one.',
  'recovery.expired': 'The recovery code has expired: ask for a new one.',
  'recovery.unavailable': 'This account has no recovery e-mail.',
  'password.unsupported': "This account's password uses a method this app does not know: update the app.",
  'name.invalid': 'Type a first name (last name optional), at most 64 characters each.',
  'terms.required': 'Accept the terms of service to sign up.',
  'flood.wait': 'Too many attempts: wait {seconds} s, then try again.',
  'qr.invalid': 'This is not a Telegram QR login link (tg://login?token=…).',
  'qr.expired': 'The QR code has expired: a new one is on its way.',
  'token.invalid': 'This token is not valid or has expired.',
  'passkey.failed': 'The passkey could not be used: try again or log in another way.',
  'pnv.failed': 'This device could not prove the phone number: log in another way.',
  'payment.unavailable': 'Telegram asks for a purchase this app cannot make.',
  'signup.unavailable': 'This account does not exist yet: sign up with the phone number.',
  'session.ended': 'This login has ended (logged out elsewhere or reset): log in again.',
  'network': 'Cannot reach Telegram: check the connection and try again.',
  'server': 'Telegram has a problem right now ({type}): try again later.',
  'rejected': 'Telegram refused this step ({type}).',
  'command.unexpected': '{command} is not possible on this screen.',
  'retry.unavailable': 'There is no failed step to retry here: send the command again.',
  'cancel.unavailable': 'There is no request in flight or error to cancel here.',
  'internal': 'Something went wrong inside tgauth ({type}): try again.',
} as const;

/** A stable error code (a key of `ERROR_MESSAGES`). */
export type AuthErrorCode = keyof typeof ERROR_MESSAGES;

/** Replacement sentences by code, e.g. a translation; a missing code keeps the English one. */
export type ErrorMessages = Partial<Record<AuthErrorCode, string>>;

/**
 * Telegram's error names (RPC types) and engine codes -> our codes: "code NAME NAME…" groups, one
 * string so the table costs little in a bundle.
 */
const CODES = new Map(
  (
    'phone.invalid PHONE_NUMBER_INVALID;phone.banned PHONE_NUMBER_BANNED;phone.unavailable SEND_CODE_UNAVAILABLE;' +
    'code.empty PHONE_CODE_EMPTY CODE_EMPTY;code.invalid PHONE_CODE_INVALID CODE_INVALID;' +
    'code.expired PHONE_CODE_EXPIRED PHONE_HASH_EXPIRED PHONE_CODE_HASH_EMPTY;email.invalid EMAIL_INVALID EMAIL_NOT_SETUP;' +
    'email.expired EMAIL_VERIFY_EXPIRED;password.invalid PASSWORD_HASH_INVALID PASSWORD_EMPTY;' +
    'password.changed SRP_PASSWORD_CHANGED SRP_ID_INVALID;recovery.expired PASSWORD_RECOVERY_EXPIRED;' +
    'recovery.unavailable PASSWORD_RECOVERY_NA;password.unsupported PASSWORD_ALGO_UNSUPPORTED;' +
    'name.invalid FIRSTNAME_INVALID LASTNAME_INVALID;terms.required TERMS_NOT_ACCEPTED;flood.wait FLOOD_WAIT_X;' +
    'qr.invalid QR_LINK_INVALID;qr.expired AUTH_TOKEN_EXPIRED;token.invalid AUTH_TOKEN_INVALID AUTH_TOKEN_INVALIDX ' +
    'AUTH_TOKEN_ALREADY_ACCEPTED ACCESS_TOKEN_INVALID WEBAUTH_TOKEN_EXPIRED;passkey.failed PASSKEY_CREDENTIAL_NOT_FOUND ' +
    'CREDENTIAL_INVALID PASSKEY_ORIGIN_MISMATCH PASSKEY_AUTH_RESTART PASSKEY_USER_HANDLE_INVALID;' +
    'pnv.failed firebasePnv.unsupported GOOGLE_TOKEN_INVALID GOOGLE_TOKEN_EXPIRED;' +
    'payment.unavailable payment.unavailable;signup.unavailable login.signUpRequired qr.signUpRequired SIGN_UP_REQUIRED;' +
    'session.ended AUTH_KEY_UNREGISTERED SESSION_REVOKED SESSION_EXPIRED USER_DEACTIVATED;' +
    'network dc.silent dc.noConnection rpc.closed DC_UNREACHABLE DC_TIMEOUT DC_SECURITY_CHECK'
  )
    .split(';')
    .flatMap((group) => {
      const [code, ...names] = group.split(' ') as [AuthErrorCode, ...string[]];
      return names.map((name) => [name, code] as const);
    }),
);

/**
 * The code for an `AuthError.type`: Telegram's error name, `TRANSPORT_<n>`, or an engine code.
 * `rpcCode` (the RPC error's number) sorts names the table does not know.
 */
export function errorCodeOf(type: string, rpcCode?: number): AuthErrorCode {
  const known = CODES.get(type) ?? (type.startsWith('passkey.') ? 'passkey.failed' : undefined);
  if (known) return known;
  if (type.startsWith('TRANSPORT_')) return 'network';
  if (rpcCode !== undefined) return rpcCode >= 500 ? 'server' : rpcCode === 401 ? 'session.ended' : 'rejected';
  return 'internal';
}

/** The sentence for `code`, with `{…}` filled from `vars`; `messages` may replace the English text. */
export function errorSentence(code: AuthErrorCode, vars: Record<string, string | number> = {}, messages?: ErrorMessages): string {
  // An error built without a known code still gets a sentence: a view is never left to crash the host.
  const template = messages?.[code] ?? ERROR_MESSAGES[code] ?? ERROR_MESSAGES.internal;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
