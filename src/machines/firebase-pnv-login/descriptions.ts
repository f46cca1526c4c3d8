/**
 * Descriptions of the Firebase PNV login machine (`firebasePnvLogin`, firebase-pnv-login/machine.ts),
 * kept out of the machine config so the engine's bundle does not carry them (issue 11);
 * `describeMachineConfig` puts them back in docs/machines and the inspector.
 */
import type { DescriptionTable } from '../core/index.js';

/** `firebasePnvLogin`'s descriptions by state or transition path. */
export const firebasePnvLoginDescriptions = {
  initializing: 'auth.initFirebasePnvLogin: a nonce bound to this key and the Digital Credentials request',
  verifying: "the host's FirebasePnvProvider asks the device for its number (not busy: the user is acting)",
  'verifying.invoke.verifyPhoneNumber.onError[isUnsupported]': 'no Digital Credentials API here (or no provider given)',
  finishing: 'auth.finishFirebasePnvLogin with the Google token for the nonce',
  'finishing.invoke.finishFirebasePnvLogin.onError[canFollowMigrate]': 'PHONE_MIGRATE_X: start over on X (the nonce belongs to this key)',
  registering: 'waitRegistration: the number has no account; registration.submit with acceptTerms: true',
  acceptingTerms: 'help.acceptTermsOfService: the user accepted explicitly in registration.submit',
  unsupported: 'shows that this platform cannot verify a number; another method still works',
  failed: 'shows the error; firebasePnv.start (handled by the root) starts a new attempt',
} satisfies DescriptionTable;
