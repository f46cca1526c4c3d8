/** TL answers used across the machine tests (shapes from the layer-223 schema). */
import type { TlConstructorOf, TlTypeOf } from '../../src/tl/index.js';

export const user: TlConstructorOf<'user'> = {
  _: 'user',
  self: true,
  id: 777001n,
  firstName: 'Ada',
  lastName: 'Lovelace',
  phone: '9996621234',
  premium: false,
};

export const authorization = (extra: Partial<TlConstructorOf<'auth.authorization'>> = {}): TlConstructorOf<'auth.authorization'> => ({
  _: 'auth.authorization',
  user,
  ...extra,
});

export const sentCode = (
  type: TlTypeOf<'auth.SentCodeType'>,
  extra: Partial<TlConstructorOf<'auth.sentCode'>> = {},
): TlConstructorOf<'auth.sentCode'> => ({ _: 'auth.sentCode', type, phoneCodeHash: 'hash-1', ...extra });

export const appCode = sentCode(
  { _: 'auth.sentCodeTypeApp', length: 5 },
  { nextType: { _: 'auth.codeTypeSms' }, timeout: 3 },
);

export const srpAlgo: TlConstructorOf<'passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow'> = {
  _: 'passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow',
  salt1: new Uint8Array([1, 2]),
  salt2: new Uint8Array([3, 4]),
  g: 3,
  p: new Uint8Array(256).fill(0xff),
};

export const accountPassword = (srpId: bigint): TlConstructorOf<'account.password'> => ({
  _: 'account.password',
  hasPassword: true,
  hasRecovery: true,
  currentAlgo: srpAlgo,
  srpB: new Uint8Array(256).fill(7),
  srpId,
  hint: 'pet name',
  newAlgo: srpAlgo,
  newSecureAlgo: { _: 'securePasswordKdfAlgoUnknown' },
  secureRandom: new Uint8Array(8),
});
