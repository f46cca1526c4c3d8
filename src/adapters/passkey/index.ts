/** Passkey adapters: the browser's WebAuthn and a software authenticator, as `PasskeyAuthenticator`s. */
export * from './software-authenticator.js';
export * from './browser-authenticator.js';
