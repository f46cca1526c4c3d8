/**
 * The real actors of the password machine (core.telegram.org/api/srp, core.telegram.org/api/srp "Password recovery"). The SRP math is the crypto
 * layer's (`computeSrpCheck`, `computeSrpVerifier`), reached through the small `SrpCrypto` port
 * so tests can count calls; the password is taken from its `Secret` right before hashing.
 */
import { fromPromise } from 'xstate';
import { concatBytes } from '../../crypto/index.js';
import type { TlTypeOf } from '../../tl/index.js';
import { callRpc, keepFutureToken } from '../flow-kit/index.js';
import { AuthEngineError, type AuthRpc, type Random, resolverOf, type DepsSource } from '../core/index.js';
import type { PasswordActors } from './machine.js';

/** The SRP functions of the crypto layer (CONTRACTS.md, crypto/ "SRP"). */
export interface SrpCrypto {
  computeSrpCheck(
    params: { password: string; salt1: Uint8Array; salt2: Uint8Array; g: number; p: Uint8Array; srpB: Uint8Array; srpId: bigint },
    random: Random,
  ): Promise<{ srpId: bigint; A: Uint8Array; M1: Uint8Array }>;
  computeSrpVerifier(
    password: string,
    salt1: Uint8Array,
    salt2: Uint8Array,
    g: number,
    p: Uint8Array,
  ): Uint8Array | Promise<Uint8Array>;
}

export interface PasswordDeps {
  rpc: AuthRpc;
  random: Random;
  srp: SrpCrypto;
  rememberFutureToken(token: Uint8Array): void;
}

type KdfAlgo = TlTypeOf<'PasswordKdfAlgo'>;
type SrpAlgo = Extract<KdfAlgo, { _: 'passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow' }>;

function srpAlgoOf(algo: KdfAlgo | undefined): SrpAlgo {
  if (algo?._ !== 'passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow') {
    throw new AuthEngineError('password.algoUnsupported', 'unknown password KDF: update the app');
  }
  return algo;
}

/**
 * `account.passwordInputSettings` for a new password (core.telegram.org/api/srp "Setting a password"): new_algo with
 * 32 client random bytes appended to salt1, new_password_hash = pad256(v), and the hint.
 */
export async function buildNewPasswordSettings(
  newAlgo: KdfAlgo,
  password: string,
  hint: string | undefined,
  deps: Pick<PasswordDeps, 'random' | 'srp'>,
): Promise<TlTypeOf<'account.PasswordInputSettings'>> {
  const base = srpAlgoOf(newAlgo);
  const algo: SrpAlgo = { ...base, salt1: concatBytes(base.salt1, deps.random.bytes(32)) };
  const v = await deps.srp.computeSrpVerifier(password, algo.salt1, algo.salt2, algo.g, algo.p);
  const padded = new Uint8Array(256);
  padded.set(v, 256 - v.length);
  return { _: 'account.passwordInputSettings', newAlgo: algo, newPasswordHash: padded, hint: hint ?? '' };
}

/** The actors to `provide` to `passwordMachine`. */
export function createPasswordActors(source: DepsSource<PasswordDeps>): PasswordActors {
  const at = resolverOf(source);
  return {
    // account.getPassword#548a30f5 = account.Password;
    getPassword: fromPromise(({ input, signal, system }) => callRpc(at(system).rpc, input.dcId, { _: 'account.getPassword' }, signal)),
    // auth.checkPassword#d18b4d16 password:InputCheckPasswordSRP = auth.Authorization;
    checkPassword: fromPromise(async ({ input, signal, system }) => {
      const deps = at(system);
      const { info } = input;
      const algo = srpAlgoOf(info.currentAlgo);
      const check = await deps.srp.computeSrpCheck(
        {
          password: input.password.take(),
          salt1: algo.salt1,
          salt2: algo.salt2,
          g: algo.g,
          p: algo.p,
          srpB: info.srpB ?? new Uint8Array(0),
          srpId: info.srpId ?? 0n,
        },
        deps.random,
      );
      const password = { _: 'inputCheckPasswordSRP' as const, srpId: check.srpId, A: check.A, M1: check.M1 };
      const auth = await callRpc(deps.rpc, input.dcId, { _: 'auth.checkPassword', password }, signal);
      return keepFutureToken(auth, deps.rememberFutureToken);
    }),
    // auth.requestPasswordRecovery#d897bc66 = auth.PasswordRecovery;
    requestRecovery: fromPromise(({ input, signal, system }) =>
      callRpc(at(system).rpc, input.dcId, { _: 'auth.requestPasswordRecovery' }, signal),
    ),
    // auth.checkRecoveryPassword#d36bf79 code:string = Bool;
    checkRecoveryCode: fromPromise(({ input, signal, system }) =>
      callRpc(at(system).rpc, input.dcId, { _: 'auth.checkRecoveryPassword', code: input.code.reveal() }, signal),
    ),
    // auth.recoverPassword#37096c70 flags:# code:string new_settings:flags.0?account.PasswordInputSettings = auth.Authorization;
    recoverPassword: fromPromise(async ({ input, signal, system }) => {
      const deps = at(system);
      const { attempt } = input;
      const newSettings =
        attempt.newPassword === undefined
          ? undefined
          : await buildNewPasswordSettings(input.info.newAlgo, attempt.newPassword.take(), attempt.newHint, deps);
      const auth = await callRpc(
        deps.rpc,
        input.dcId,
        { _: 'auth.recoverPassword', code: attempt.code.take(), ...(newSettings ? { newSettings } : {}) },
        signal,
      );
      return keepFutureToken(auth, deps.rememberFutureToken);
    }),
  };
}
