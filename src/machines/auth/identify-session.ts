/**
 * A session imported from another library (GramJS and Telethon strings carry no user id) holds an
 * authorized key but no user: asking the server who we are (users.getUsers of inputUserSelf)
 * turns it into a logged-in session, instead of a phone screen in front of a working login.
 */
import { callRpc, userSummaryOf, type UserSummary } from '../flow-kit/index.js';
import type { AuthRpc } from '../core/index.js';
import type { SessionKeeper } from '../session/index.js';

/**
 * The user behind the home DC's key when the session has a key but no user and no login under way
 * (it is recorded in the session); undefined otherwise, or when the key is not logged in
 * (AUTH_KEY_UNREGISTERED): then the login starts as usual.
 */
export async function identifySession(rpc: AuthRpc, session: SessionKeeper, signal?: AbortSignal): Promise<UserSummary | undefined> {
  const s = session.current;
  if (s.user !== undefined || s.pendingLogin !== undefined || s.authKeys?.[s.homeDcId] === undefined) return undefined;
  try {
    // users.getUsers#d91a548 id:Vector<InputUser> = Vector<User>; (src/tl/schema/extra.tl)
    const [me] = await callRpc(rpc, s.homeDcId, { _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] }, signal);
    if (me?._ !== 'user') return undefined;
    const user = userSummaryOf(me);
    await session.authorize(s.homeDcId, user);
    return user;
  } catch {
    return undefined;
  }
}
