/**
 * passkey-login/: login with a passkey (`auth.initPasskeyLogin` -> WebAuthn assertion ->
 * `auth.finishPasskeyLogin`, schema lines in src/tl/schema/api.tl). Uses flow-kit/ and core/.
 */
export * from './machine.js';
export * from './actors.js';
export * from './descriptions.js';
