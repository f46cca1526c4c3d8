/**
 * password/: the 2FA password check (SRP, https://core.telegram.org/api/srp) and its recovery by
 * e-mail code, run on the DC where the login is pending. Uses flow-kit/ and core/.
 */
export * from './machine.js';
export * from './actors.js';
export * from './descriptions.js';
