/**
 * Descriptions of the phone login machine (`phoneLogin`, phone-login/machine.ts) and its parts in
 * phone-login/firebase-states.ts and phone-login/payment-state.ts. They are kept out of the machine
 * config so the engine's bundle does not carry them (issue 11); `describeMachineConfig` puts them back
 * where people look at machines: docs/machines (scripts/export-machines.ts) and the inspector. Keys
 * are paths to a state or transition (core/describe-machine-config.ts).
 */
import type { DescriptionTable } from '../core/index.js';

/** `phoneLogin`'s descriptions by state or transition path. */
export const phoneLoginDescriptions = {
  'on.*': 'a command this state does not expect',
  starting:
    'durable engine: a login a previous run left waiting resumes where it was, with no request re-sent',
  'starting.always[4]':
    'paid and still pending when the app stopped: ask auth.checkPaidAuth again, never pay twice',
  'sendingCode.invoke.sendCode.onError[canFollowMigrate]':
    'PHONE_MIGRATE_X / NETWORK_MIGRATE_X: make X the home DC and send again there',
  'sendingCode.invoke.sendCode.onError[isPasswordNeeded]': 'future token matched, 2FA on',
  routing: 'Chooses the screen for the latest auth.SentCode',
  'routing.always[needsFirebaseProof]':
    'without a FirebaseHost the code screen offers next_type via code.resend',
  'waitCode.on.phone.edit': 'wrong number: auth.cancelCode',
  'waitCode.form.signingIn.invoke.signIn.onError[isPasswordNeeded]':
    'SESSION_PASSWORD_NEEDED: 2FA on this DC',
  'waitCode.form.signingIn.invoke.signIn.onError[else]': 'wrong code: shown, never re-sent',
  'waitCode.resend.available.on.code.resend':
    'auth.resendCode via next_type, only while no code is being checked',
  verifyingDevice: 'Firebase SMS (core.telegram.org/api/auth "Firebase"): the host proves device integrity, then requestFirebaseSms',
  'verifyingDevice.invoke.obtainFirebaseProof.onDone[isProofFailure]':
    'no token (a failure or an empty one): next_type via auth.resendCode(reason)',
  'verifyingDevice.invoke.obtainFirebaseProof.onError':
    'the host threw: no token either, so the same fallback',
  'requestingFirebaseSms.invoke.requestFirebaseSms.onDone[else]':
    'boolFalse: the token was declined; next_type via auth.resendCode',
  'resendingAfterFirebase.invoke.resendCode.onError[isFloodWait]':
    'shown with its countdown on the Firebase code screen; resend stays offered',
  'waitEmailCode.idle.on.email.reset': 'lost the mailbox: auth.resetLoginEmail',
  'waitEmailCode.signingIn.invoke.signIn.onError[isPasswordNeeded]':
    'SESSION_PASSWORD_NEEDED: 2FA on this DC',
  'waitEmailCode.signingIn.invoke.signIn.onError[else]': 'wrong code: shown, never re-sent',
  'waitEmailCode.verifying.invoke.verifyEmail.onDone[else]':
    'account.emailVerified: the address is set but no login code came with it; auth.sendCode again sends one there',
  'waitRegistration.idle.on.registration.submit[else]':
    'terms shown but not accepted: never signed up silently',
  'waitRegistration.acceptingTerms':
    'help.acceptTermsOfService: the user accepted explicitly in registration.submit',
  'waitRegistration.acceptingTerms.invoke.acceptTerms.onError':
    'signed up already; acceptance is retried by the server popup',
  'waitPayment.checking.invoke.checkPaidAuth.onError[isFloodWait]':
    'FLOOD_WAIT_X here means "payment pending, ask again in X s" (core.telegram.org/api/auth "Paid login"): a countdown, not an error',
  'cancellingCode.invoke.cancelCode.onError': 'best effort: the code expires anyway',
} satisfies DescriptionTable;
