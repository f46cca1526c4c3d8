/**
 * qr-login/: login by QR code (https://core.telegram.org/api/qr-login): export a token, show it as a
 * `tg://login` link, refresh it before it expires, follow a migration to the approving DC.
 * Uses flow-kit/ and core/.
 */
export * from './machine.js';
export * from './actors.js';

export * from './descriptions.js';
