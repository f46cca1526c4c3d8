/**
 * firebase-pnv-login/: login by Firebase Phone Number Verification (layer 229):
 * `auth.initFirebasePnvLogin` -> the intent to a `FirebasePnvProvider` (the Digital Credentials API
 * in browsers) -> `auth.finishFirebasePnvLogin` with its Google token -> ready, or sign-up with
 * `auth.firebasePnvSignUp` (schema lines in src/tl/schema/api.tl). Uses flow-kit/ and core/.
 */
export * from './machine.js';
export * from './actors.js';
export * from './descriptions.js';
