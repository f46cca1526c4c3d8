/**
 * The `user` object the simulator writes for an account. The constructor is always the current
 * `user`; the TL writer picks the older layout for connections that declared an older layer.
 */
import type { Account } from '../state/accounts.js';
import type { TlValue } from './context.js';

/** `user#31774388` with `self` (flags.10) and the access hash (flags.0) as docs/ARCHITECTURE.md "The simulator" requires. */
export function userObject(account: Account, self = true): TlValue {
  const user: TlValue = {
    _: 'user',
    id: account.id,
    accessHash: account.accessHash,
    firstName: account.firstName,
  };
  if (self) user.self = true;
  if (account.lastName) user.lastName = account.lastName;
  if (account.phone && !account.bot) user.phone = account.phone;
  if (account.bot) {
    user.bot = true;
    user.botInfoVersion = 1;
  }
  return user;
}
