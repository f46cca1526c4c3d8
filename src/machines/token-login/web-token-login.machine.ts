/**
 * Web token login (core.telegram.org/method/auth.importWebTokenAuthorization) as a statechart: auth.importWebTokenAuthorization on the DC
 * the host names (the app that handed the token over knows the account's DC), following a
 * `USER_MIGRATE_X` if that was wrong. Shared setup and states: `token-login/setup.ts`.
 *
 * Its descriptions live in token-login/web-token-login.descriptions.ts, out of the runtime bundle (issue 11).
 */
import { tokenLoginOutput, tokenLoginSetup, tokenLoginStates } from './setup.js';

/** The web token login machine. Provide its actors with `createTokenLoginActors(deps)`. */
export const webTokenLoginMachine = tokenLoginSetup.createMachine({
  id: 'webTokenLogin',
  context: ({ input }) => ({ dcId: input.dcId, token: input.token, migrations: 0 }),
  initial: 'importing',
  exit: 'wipeToken',
  states: tokenLoginStates('importWebTokenAuthorization'),
  output: tokenLoginOutput,
});
