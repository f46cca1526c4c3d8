/**
 * A full phone + code + 2FA (one wrong password) + recovery-with-new-password run of the engine
 * on the stub RPC, with an inspection observer of the caller's choice, and the secrets it uses.
 * The stub SRP's M1 and verifier bytes embed the password text: they stand for values from which
 * a password can be brute-forced, and make a leak of those bytes visible as the password itself.
 */
import type { InspectionEvent } from 'xstate';
import type { SrpCrypto } from '../../../src/machines/index.js';
import { accountPassword, appCode, authorization } from '../../machines/fixtures.js';
import { queued, rig, rpcError, settle } from '../../machines/harness.js';

export const SECRETS = {
  code: '58213',
  password: 'correct-horse-staple',
  wrongPassword: 'tr0ub4dor-and-3',
  recoveryCode: '640917',
  newPassword: 'new-battery-horse',
};
/** Key bytes the run handles, as they would be searched for in hex. */
export const KEY_BYTES = {
  srpB: new Uint8Array(256).fill(7),
  A: new Uint8Array(256).fill(0xa5),
  futureAuthToken: Uint8Array.from({ length: 32 }, (_, i) => 0xc0 ^ i),
};

const text = (s: string) => new TextEncoder().encode(s);
const stubSrp: SrpCrypto = {
  computeSrpCheck: (params) =>
    Promise.resolve({ srpId: params.srpId, A: KEY_BYTES.A, M1: text(`M1:${params.password}`) }),
  computeSrpVerifier: (password) => text(`v:${password}`),
};

/** Runs the flow to `ready`, handing every inspection event to `inspect`. Returns the final status. */
export async function runSecretFlow(inspect: (event: InspectionEvent) => void): Promise<string> {
  const password = { ...accountPassword(1n), srpB: KEY_BYTES.srpB };
  const { engine } = await rig(
    queued({
      'auth.sendCode': [appCode],
      'auth.signIn': [rpcError(401, 'SESSION_PASSWORD_NEEDED')],
      'account.getPassword': [password, { ...password, srpId: 2n }],
      'auth.checkPassword': [rpcError(400, 'PASSWORD_HASH_INVALID')],
      'auth.requestPasswordRecovery': [{ _: 'auth.passwordRecovery', emailPattern: 'a***@example.com' }],
      'auth.checkRecoveryPassword': [true],
      'auth.recoverPassword': [authorization({ futureAuthToken: KEY_BYTES.futureAuthToken })],
    }),
    { inspect, srp: stubSrp },
  );
  const step = async (command: Parameters<typeof engine.send>[0]) => {
    engine.send(command);
    for (let i = 0; i < 4; i++) await settle();
  };
  await step({ type: 'phone.submit', phone: '9996621234' });
  await step({ type: 'code.submit', code: SECRETS.code });
  await step({ type: 'password.submit', password: SECRETS.wrongPassword });
  await step({ type: 'recovery.request' });
  await step({ type: 'recovery.submit', code: SECRETS.recoveryCode, newPassword: SECRETS.newPassword });
  const status = engine.getSnapshot().status;
  engine.stop();
  return status;
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/**
 * JSON of everything recorded, bytes rendered both as hex and as latin1 text and bigints as
 * decimal strings, so that a secret in any of those forms is found by a substring search.
 */
export function serializeAll(recorded: unknown): string {
  return JSON.stringify(recorded, (_key, value: unknown) => {
    if (value instanceof Uint8Array) return `bytes:${hex(value)}:${String.fromCharCode(...value)}`;
    if (typeof value === 'bigint') return value.toString();
    return value;
  });
}

/** Every secret of the run (codes, passwords, key bytes in hex) found in `json`. */
export function secretsIn(json: string): string[] {
  const found = Object.entries(SECRETS)
    .filter(([, s]) => json.includes(s))
    .map(([name]) => name);
  for (const [name, bytes] of Object.entries(KEY_BYTES)) if (json.includes(hex(bytes))) found.push(name);
  return found;
}
