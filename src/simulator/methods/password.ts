/**
 * 2FA (core.telegram.org/api/srp), server side:
 * `account.getPassword#548a30f5 = account.Password;` — a fresh srp_id and srp_B every call;
 * `auth.checkPassword#d18b4d16 password:InputCheckPasswordSRP = auth.Authorization;` — each srp_id works once.
 */
import { bytesToBigint, checkDhPublicValue, equalBytes, makeSrpB, pad256, srpK, verifySrpM1, type SrpServerKey } from '../../crypto/index.js';
import type { Account, PasswordRecord } from '../state/accounts.js';
import { SRP_G, SRP_PRIME } from '../state/password-setup.js';
import type { SimState } from '../state/sim-state.js';
import { fail } from '../errors.js';
import { authorize } from './authorize.js';
import { bytes, long, obj, type Call, type MethodResult, type TlValue } from './context.js';
import { maskEmail } from './code-delivery.js';

/** An srp_B stays usable for this long (Telegram's limit is not documented). */
const SRP_TTL_MS = 10 * 60_000;
const ALGO = 'passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow';

/** The account whose password this key may check: the logged-in user or a login waiting for 2FA. */
export function passwordAccount(call: Call): Account | undefined {
  const id = call.perm.userId ?? call.perm.passwordPendingUserId;
  return id === undefined ? undefined : call.state.accounts.get(id);
}

export function getPassword(_req: TlValue, call: Call): MethodResult {
  const { state } = call;
  const account = passwordAccount(call);
  const pw = account?.password;
  const newAlgo = { _: ALGO, salt1: state.random.bytes(8), salt2: state.random.bytes(16), g: 3, p: pw?.p ?? new Uint8Array(0) };
  const out: TlValue = {
    _: 'account.password',
    newAlgo,
    newSecureAlgo: { _: 'securePasswordKdfAlgoPBKDF2HMACSHA512iter100000', salt: state.random.bytes(8) },
    secureRandom: state.random.bytes(32),
  };
  if (account?.loginEmail) out.loginEmailPattern = maskEmail(account.loginEmail);
  if (!account || !pw) return out;
  const { b, B } = srpServerKey(state, pw);
  const srpId = state.randomLong();
  state.srp.set(srpId, { userId: account.id, b, B, v: pw.v, expiresAt: state.now() + SRP_TTL_MS });
  Object.assign(out, {
    hasPassword: true,
    hasRecovery: pw.recoveryEmail !== undefined,
    currentAlgo: { _: ALGO, salt1: pw.salt1, salt2: pw.salt2, g: pw.g, p: pw.p },
    srpB: B,
    srpId,
  });
  if (pw.hint) out.hint = pw.hint;
  return out;
}

/**
 * b and srp_B = (k*v + g^b) mod p, as makeSrpB computes them, with (b, g^b) from the cluster's DH
 * pool when it serves this g and prime (the pool's pairs are for g = 3 and the well-known prime).
 */
function srpServerKey(state: SimState, pw: PasswordRecord): SrpServerKey {
  const pool = state.dhPool;
  if (!pool || pw.g !== SRP_G || !equalBytes(pw.p, SRP_PRIME)) return makeSrpB(pw.v, pw.g, pw.p, state.random, state.crypto);
  const p = bytesToBigint(SRP_PRIME);
  const kv = (srpK(p, pw.g, state.crypto) * bytesToBigint(pw.v)) % p;
  for (;;) {
    const { secret, power } = pool.take();
    const gB = (kv + power) % p;
    try {
      checkDhPublicValue(gB, p, 'srp.gB');
    } catch {
      continue; // outside the safe range (probability ~2^-64): another pair
    }
    return { b: secret, B: pad256(gB) };
  }
}

export function checkPassword(req: TlValue, call: Call): MethodResult {
  const { state } = call;
  const input = obj(req, 'password');
  if (!input || input._ !== 'inputCheckPasswordSRP') throw fail(400, 'PASSWORD_HASH_INVALID');
  const srpId = long(input, 'srpId');
  const session = state.srp.get(srpId);
  const account = passwordAccount(call);
  if (!session || !account || session.userId !== account.id) throw fail(400, 'SRP_ID_INVALID');
  // One srp_id, one try: a replayed or retried proof needs a fresh account.getPassword.
  state.srp.delete(srpId);
  const pw = account.password;
  if (!pw || !equalBytes(pw.v, session.v)) throw fail(400, 'SRP_PASSWORD_CHANGED');
  const ok = verifySrpM1({ ...pw, b: session.b, B: session.B, A: bytes(input, 'A'), M1: bytes(input, 'M1') }, state.crypto);
  if (!ok) throw fail(400, 'PASSWORD_HASH_INVALID');
  return authorize(call, account);
}
