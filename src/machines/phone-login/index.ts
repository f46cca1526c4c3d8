/**
 * phone-login/: the phone-code login flow (https://core.telegram.org/api/auth): sendCode with DC
 * redirects, every code type, resend, Firebase SMS, login e-mail, paid login, signIn and signUp.
 * The machine only sequences; its RPCs are in actors.ts. Uses flow-kit/ and core/.
 */
export { phoneLoginMachine } from './machine.js';
export * from './setup.js';
export * from './actors.js';
export * from './descriptions.js';
