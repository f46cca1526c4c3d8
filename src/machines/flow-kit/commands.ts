/**
 * The commands a UI sends (`engine.send`), and the same commands as the machines receive them:
 * every secret field (code, password, recovery code, bot and web tokens, a scanned QR link) sealed in a `Secret` so that neither
 * inspection nor a persisted snapshot ever holds it in clear. `sealCommand` also checks each
 * command's shape (`assertAuthCommand`).
 */
import { AuthCommandError, Secret } from '../core/index.js';

/** UI commands, lowercase dotted noun.verb (docs/ARCHITECTURE.md "Conventions"). */
export type AuthCommand =
  | { type: 'phone.submit'; phone: string }
  | { type: 'phone.edit' }
  | { type: 'code.submit'; code: string }
  | { type: 'code.resend' }
  /** Official apps: the SMS did not arrive; `mnc` is the current operator's mobile network code. */
  | { type: 'code.reportMissing'; mnc: string }
  | { type: 'email.submit'; email: string }
  | { type: 'emailCode.submit'; code: string }
  | { type: 'email.reset' }
  /** `acceptTerms` must be true when the view says `acceptanceRequired`: terms are never accepted silently. */
  | { type: 'registration.submit'; firstName: string; lastName?: string; acceptTerms: boolean }
  /** After the host's store purchase: the payment form id; without it the `PaymentHost` port buys. */
  | { type: 'payment.submit'; formId?: bigint }
  | { type: 'password.submit'; password: string }
  | { type: 'recovery.request' }
  /** The e-mailed recovery code, and optionally a new password (else the password is removed). */
  | { type: 'recovery.submit'; code: string; newPassword?: string; newHint?: string }
  | { type: 'logout.request' }
  /** Switch to QR login from any login screen; `exceptIds`: users already logged in on this device. */
  | { type: 'qr.start'; exceptIds?: readonly bigint[] }
  /** Back to the phone number screen from QR or passkey login. */
  | { type: 'phone.start' }
  /** Logged in: approve another device by the `tg://login?token=…` link its QR code shows. */
  | { type: 'qr.approve'; link: string }
  /** The BotFather token `<bot_id>:<secret>`. */
  | { type: 'bot.submit'; token: string }
  /** A web login token handed over by a logged-in app, for the DC it names. */
  | { type: 'webToken.submit'; token: string; dcId: number }
  /** Log in with a passkey through the host's `PasskeyAuthenticator`. */
  | { type: 'passkey.start' }
  /** From the phone number screen: log in with the device's verified number (Firebase PNV, layer 229). */
  | { type: 'firebasePnv.start' }
  /** Logged in: terminate every other session of this account (auth.resetAuthorizations). */
  | { type: 'authorizations.reset' }
  /** After a DC error (`error.retryStep` set): run the failed step again with the same input (engine/step-control.ts). */
  | { type: 'step.retry' }
  /** While a login screen is busy: abort the request and return to the screen it started from; on an error: clear it. */
  | { type: 'step.cancel' };

/** The command types whose fields are sealed. */
type SealedTypes =
  | 'code.submit'
  | 'emailCode.submit'
  | 'password.submit'
  | 'recovery.submit'
  | 'qr.approve'
  | 'bot.submit'
  | 'webToken.submit';

/** Commands as the machines see them: secrets sealed. */
export type SealedCommand =
  | Exclude<AuthCommand, { type: SealedTypes }>
  | { type: 'qr.approve'; link: Secret }
  | { type: 'bot.submit'; token: Secret }
  | { type: 'webToken.submit'; token: Secret; dcId: number }
  | { type: 'code.submit'; code: Secret }
  | { type: 'emailCode.submit'; code: Secret }
  | { type: 'password.submit'; password: Secret }
  | { type: 'recovery.submit'; code: Secret; newPassword?: Secret; newHint?: string };

/**
 * Command shapes, checked where a command enters the engine (`sealCommand`, so `engine.send`): a
 * host in plain JS, or a UI passing a form's `undefined`, gets a typed `AuthCommandError` at once
 * instead of a machine failing on the missing field later.
 *
 * What a field must hold. `secret`: a string, or a `Secret` not yet used (sealing is idempotent);
 * `dcId`: a positive safe integer; a trailing `?` allows the field to be absent or `undefined`.
 */
type FieldKind = 'string' | 'secret' | 'boolean' | 'bigint' | 'bigints' | 'dcId';
type FieldSpec = FieldKind | `${FieldKind}?`;

/** Every command type and its fields (the compiler checks that no command type is left out). */
const SHAPES = {
  'phone.submit': { phone: 'string' },
  'phone.edit': {},
  'code.submit': { code: 'secret' },
  'code.resend': {},
  'code.reportMissing': { mnc: 'string' },
  'email.submit': { email: 'string' },
  'emailCode.submit': { code: 'secret' },
  'email.reset': {},
  'registration.submit': { firstName: 'string', lastName: 'string?', acceptTerms: 'boolean' },
  'payment.submit': { formId: 'bigint?' },
  'password.submit': { password: 'secret' },
  'recovery.request': {},
  'recovery.submit': { code: 'secret', newPassword: 'secret?', newHint: 'string?' },
  'logout.request': {},
  'qr.start': { exceptIds: 'bigints?' },
  'phone.start': {},
  'qr.approve': { link: 'secret' },
  'bot.submit': { token: 'secret' },
  'webToken.submit': { token: 'secret', dcId: 'dcId' },
  'passkey.start': {},
  'firebasePnv.start': {},
  'authorizations.reset': {},
  'step.retry': {},
  'step.cancel': {},
} as const satisfies Record<AuthCommand['type'], Record<string, FieldSpec>>;

/** Every command type, for the `command.rejected` check. */
export const COMMAND_TYPES: ReadonlySet<string> = new Set(Object.keys(SHAPES));

const EXPECTED: Record<FieldKind, string> = {
  string: 'a string',
  secret: 'a string',
  boolean: 'a boolean',
  bigint: 'a bigint',
  bigints: 'an array of bigint',
  dcId: 'a positive integer DC id',
};

function holds(kind: FieldKind, value: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'secret':
      return typeof value === 'string' || (value instanceof Secret && !value.wiped);
    case 'boolean':
      return typeof value === 'boolean';
    case 'bigint':
      return typeof value === 'bigint';
    case 'bigints':
      return Array.isArray(value) && value.every((v) => typeof v === 'bigint');
    case 'dcId':
      return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
  }
}

/**
 * Throws `AuthCommandError` unless `command` is a well-formed `AuthCommand`. Fields not in the
 * command's shape are ignored. The error never carries a field's value.
 */
export function assertAuthCommand(command: unknown): asserts command is AuthCommand {
  if (typeof command !== 'object' || command === null) {
    throw new AuthCommandError(undefined, undefined, 'a command must be an object with a `type`');
  }
  const record = command as Record<string, unknown>;
  const type = record.type;
  if (typeof type !== 'string' || !Object.hasOwn(SHAPES, type)) {
    const named = typeof type === 'string' ? type : undefined;
    throw new AuthCommandError(named, 'type', named === undefined ? 'a command needs a string `type`' : `unknown command type "${named}"`);
  }
  const shape: Record<string, FieldSpec> = SHAPES[type as AuthCommand['type']];
  for (const [field, spec] of Object.entries(shape)) {
    const optional = spec.endsWith('?');
    const kind = (optional ? spec.slice(0, -1) : spec) as FieldKind;
    const value = record[field];
    if (optional && value === undefined) continue;
    if (!holds(kind, value)) {
      const problem = value === undefined ? 'is missing' : value instanceof Secret ? 'is a used Secret' : 'has the wrong type';
      throw new AuthCommandError(type, field, `${type}: \`${field}\` ${problem} (expected ${EXPECTED[kind]})`);
    }
  }
}

/** Emitted (actor.on) when a command arrives in a state that does not expect it; it was ignored. */
export interface CommandRejected {
  type: 'command.rejected';
  command: string;
}

/**
 * Checks a UI command's shape (`assertAuthCommand`: throws `AuthCommandError` on a malformed one)
 * and seals its secret fields. Idempotent on already-sealed values.
 */
export function sealCommand(command: AuthCommand): SealedCommand {
  assertAuthCommand(command);
  const seal = (v: string | Secret): Secret => (v instanceof Secret ? v : new Secret(v));
  switch (command.type) {
    case 'code.submit':
    case 'emailCode.submit':
      return { type: command.type, code: seal(command.code) };
    case 'password.submit':
      return { type: command.type, password: seal(command.password) };
    case 'recovery.submit':
      return {
        type: command.type,
        code: seal(command.code),
        ...(command.newPassword === undefined ? {} : { newPassword: seal(command.newPassword) }),
        ...(command.newHint === undefined ? {} : { newHint: command.newHint }),
      };
    case 'qr.approve':
      return { type: command.type, link: seal(command.link) };
    case 'bot.submit':
      return { type: command.type, token: seal(command.token) };
    case 'webToken.submit':
      return { type: command.type, token: seal(command.token), dcId: command.dcId };
    default:
      return command;
  }
}
