/**
 * qr-login/: login by QR code (https://core.telegram.org/api/qr-login): export a token, show it as a
 * `tg://login` link, refresh it before it expires, follow a migration to the approving DC.
 * Uses flow-kit/ and core/.
 *
 * Its descriptions are not re-exported here: this file is the chunk a browser build loads on demand
 * (auth/flow-modules.ts), and `import()` keeps every export of it. Tools import the side table itself.
 */
export * from './machine.js';
export * from './actors.js';
