/**
 * Asking the server who the stored key is (users.getUsers of inputUserSelf) before trusting the
 * session. Two cases need it:
 * - a session imported from another library (GramJS and Telethon strings carry no user id) holds
 *   an authorized key but no user: it becomes a logged-in session instead of a phone screen in
 *   front of a working login;
 * - a pending-login record (a code, password or QR screen) may be older than the server's state:
 *   a process that died after the server ran auth.signIn, auth.signUp or auth.checkPassword but
 *   before the answer was stored left the screen before it, whose code is now used up (issue 21).
 *   The key is already logged in, or (SESSION_PASSWORD_NEEDED) waits for the password.
 */
import { callRpc, isRpcError, userSummaryOf, type UserSummary } from '../flow-kit/index.js';
import type { AuthRpc } from '../core/index.js';
import type { SessionKeeper } from '../session/index.js';

/**
 * The user behind the stored key when the session has none (an imported key, or a login under way
 * whose last step the server may have run); it is recorded in the session, the record dropped.
 * Undefined when there is nothing to ask, the key is not logged in (AUTH_KEY_UNREGISTERED), or the
 * server cannot be asked now: then the login continues from the record, or starts as usual. A code
 * screen whose key the server already holds at the password step becomes the password step.
 */
export async function identifySession(rpc: AuthRpc, session: SessionKeeper, signal?: AbortSignal): Promise<UserSummary | undefined> {
  const s = session.current;
  const pending = s.pendingLogin;
  const dcId = pending?.dcId ?? s.homeDcId;
  if (s.user !== undefined || s.authKeys?.[dcId] === undefined) return undefined;
  try {
    // users.getUsers#d91a548 id:Vector<InputUser> = Vector<User>; (src/tl/schema/extra.tl)
    const [me] = await callRpc(rpc, dcId, { _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] }, signal);
    if (me?._ !== 'user') return undefined;
    const user = userSummaryOf(me);
    await session.authorize(dcId, user);
    return user;
  } catch (error) {
    // core.telegram.org/api/errors: 401 SESSION_PASSWORD_NEEDED, the code was accepted and 2FA is next.
    if (pending?.flow === 'code' && isRpcError(error, 'SESSION_PASSWORD_NEEDED'))
      await session.setPendingLogin({ flow: 'password', dcId, phone: pending.phone }).catch(() => undefined);
    return undefined;
  }
}
