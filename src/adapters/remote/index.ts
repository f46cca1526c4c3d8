/** adapters/remote (`tgauth/remote`): a login-service flow behind the local engine's UI surface; browser-safe. */
export * from './remote-auth-engine.js';
export * from './server-sent-events.js';
export * from './command-json.js';
