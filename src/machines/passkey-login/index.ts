/**
 * passkey-login/: login with a passkey (`auth.initPasskeyLogin` -> WebAuthn assertion ->
 * `auth.finishPasskeyLogin`, schema lines in src/tl/schema/api.tl). Uses flow-kit/ and core/.
 *
 * Its descriptions are not re-exported here: this file is the chunk a browser build loads on demand
 * (auth/flow-modules.ts), and `import()` keeps every export of it. Tools import the side table itself.
 */
export * from './machine.js';
export * from './actors.js';
