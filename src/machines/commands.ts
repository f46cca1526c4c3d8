/**
 * The commands a UI sends (`engine.send`), and the same commands as the machines receive them:
 * every secret field (code, password, recovery code, bot and web tokens, a scanned QR link) sealed in a `Secret` so that neither
 * inspection nor a persisted snapshot ever holds it in clear.
 */
import { Secret } from './secret.js';

/** UI commands, lowercase dotted noun.verb (STYLE.md "Machines"). */
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
  /** Logged in: terminate every other session of this account (auth.resetAuthorizations). */
  | { type: 'authorizations.reset' };

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

/** Every command type, for the `command.rejected` check. */
export const COMMAND_TYPES: ReadonlySet<string> = new Set<AuthCommand['type']>([
  'phone.submit',
  'phone.edit',
  'code.submit',
  'code.resend',
  'code.reportMissing',
  'email.submit',
  'emailCode.submit',
  'email.reset',
  'registration.submit',
  'payment.submit',
  'password.submit',
  'recovery.request',
  'recovery.submit',
  'logout.request',
  'qr.start',
  'phone.start',
  'qr.approve',
  'bot.submit',
  'webToken.submit',
  'passkey.start',
  'authorizations.reset',
]);

/** Emitted (actor.on) when a command arrives in a state that does not expect it; it was ignored. */
export interface CommandRejected {
  type: 'command.rejected';
  command: string;
}

/** Seals the secret fields of a UI command. Idempotent on already-sealed values. */
export function sealCommand(command: AuthCommand): SealedCommand {
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
