/**
 * token-login/: logins with a token the host already has: a bot token (`auth.importBotAuthorization`)
 * and a web token (`auth.importWebTokenAuthorization`); both share setup.ts and actors.ts.
 * Uses flow-kit/ and core/.
 */
export * from './setup.js';
export * from './actors.js';
export * from './bot-login.machine.js';
export * from './web-token-login.machine.js';
export * from './bot-login.descriptions.js';
export * from './web-token-login.descriptions.js';
