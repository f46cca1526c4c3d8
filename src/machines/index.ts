/** machines/: the XState auth engine, its machines, ports and the UI-facing view. */
export * from './create-auth-engine.js';
export type * from './auth-view.js';
export * from './auth-view-of.js';
export * from './auth-error.js';
export * from './commands.js';
export * from './errors.js';
export type * from './ports.js';
export * from './secret.js';
export * from './session.js';
export * from './sent-code.js';
export * from './call-rpc.js';
export { authMachine, authSetup, authActorStubs, type AuthActors, type AuthContext, type AuthInput } from './auth.machine.js';
export { createAuthActors, type AuthDeps } from './auth.actors.js';
export { phoneLoginMachine } from './phone-login.machine.js';
export * from './phone-login.setup.js';
export * from './phone-login.actors.js';
export * from './password.machine.js';
export * from './password.actors.js';
