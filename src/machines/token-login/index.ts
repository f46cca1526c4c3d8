/**
 * token-login/: logins with a token the host already has: a bot token (`auth.importBotAuthorization`)
 * and a web token (`auth.importWebTokenAuthorization`); both share setup.ts and actors.ts.
 * Uses flow-kit/ and core/.
 *
 * Its descriptions are not re-exported here: this file is the chunk a browser build loads on demand
 * (auth/flow-modules.ts), and `import()` keeps every export of it. Tools import the side table itself.
 */
export * from './setup.js';
export * from './actors.js';
export * from './bot-login.machine.js';
export * from './web-token-login.machine.js';
