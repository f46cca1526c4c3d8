/**
 * Bot and web-token login (core.telegram.org/method/auth.importBotAuthorization, core.telegram.org/method/auth.importWebTokenAuthorization):
 * `auth.importBotAuthorization#67a3ff2c flags:int api_id:int api_hash:string bot_auth_token:string = auth.Authorization;`
 * `auth.importWebTokenAuthorization#2db873a9 api_id:int api_hash:string web_auth_token:string = auth.Authorization;`
 */
import { fail, migrate } from '../errors.js';
import { authorize } from './authorize.js';
import { checkApiId, int, str, type Call, type MethodResult, type TlValue } from './context.js';

export function importBotAuthorization(req: TlValue, call: Call): MethodResult {
  const { state } = call;
  checkApiId(call, int(req, 'apiId'), str(req, 'apiHash'));
  const token = str(req, 'botAuthToken');
  const m = /^(\d+):([\w-]+)$/.exec(token);
  if (!m) throw fail(400, 'ACCESS_TOKEN_INVALID');
  const bot = state.accounts.findByBotToken(token);
  if (!bot) {
    // A known bot id with another secret: the token was revoked in BotFather.
    const known = state.accounts.get(BigInt(m[1]!));
    throw fail(400, known?.bot ? 'ACCESS_TOKEN_EXPIRED' : 'ACCESS_TOKEN_INVALID');
  }
  // Commonly observed (docs/ARCHITECTURE.md "What is not verified": UNVERIFIED in the docs): bots are redirected to their DC.
  if (bot.dcId !== call.ctx.dcId) throw migrate('USER', bot.dcId);
  return authorize(call, bot);
}

export function importWebTokenAuthorization(req: TlValue, call: Call): MethodResult {
  const { state } = call;
  checkApiId(call, int(req, 'apiId'), str(req, 'apiHash'));
  const token = str(req, 'webAuthToken');
  const account = state.accounts.list().find((a) => a.webTokens.includes(token));
  if (!account || token === '') throw fail(400, 'WEBAUTH_TOKEN_EXPIRED');
  if (account.dcId !== call.ctx.dcId) throw migrate('USER', account.dcId);
  // Web tokens are single-use: the logged-in app hands out a fresh one each time.
  state.accounts.update(account.id, { webTokens: account.webTokens.filter((t) => t !== token) });
  return authorize(call, account);
}
