/**
 * Bot login (core.telegram.org/method/auth.importBotAuthorization) as a statechart: auth.importBotAuthorization with the BotFather
 * token, following `USER_MIGRATE_X` / `PHONE_MIGRATE_X` to the bot's DC. Shared setup and states:
 * `token-login/setup.ts`.
 *
 * Its descriptions live in token-login/bot-login.descriptions.ts, out of the runtime bundle (issue 11).
 */
import { tokenLoginOutput, tokenLoginSetup, tokenLoginStates } from './setup.js';

/** The bot login machine. Provide its actors with `createTokenLoginActors(deps)`. */
export const botLoginMachine = tokenLoginSetup.createMachine({
  id: 'botLogin',
  context: ({ input }) => ({ dcId: input.dcId, token: input.token, migrations: 0 }),
  initial: 'importing',
  exit: 'wipeToken',
  states: tokenLoginStates('importBotAuthorization'),
  output: tokenLoginOutput,
});
