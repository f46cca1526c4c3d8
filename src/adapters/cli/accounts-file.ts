/**
 * The simulator's `--accounts <file>`: a JSON array of accounts to create at start, e.g.
 * `[{ "phone": "9996621234", "dcId": 2, "firstName": "Ann", "password": "hunter2", "hint": "pet" }]`.
 * Passwords are turned into SRP verifiers at once; the file is the only place they exist in clear.
 */
import { TgauthError } from '../../crypto/index.js';
import type { AccountSwitches, Simulator } from '../../simulator/index.js';

/** One account as written in the file. */
export interface AccountsFileEntry {
  phone?: string;
  dcId?: number;
  firstName?: string;
  lastName?: string;
  botToken?: string;
  loginEmail?: string;
  password?: string;
  hint?: string;
  recoveryEmail?: string;
  switches?: AccountSwitches;
}

/** A malformed accounts file. */
export class AccountsFileError extends TgauthError {}

const STRING_FIELDS = ['phone', 'firstName', 'lastName', 'botToken', 'loginEmail', 'password', 'hint', 'recoveryEmail'] as const;

/** Validates `json` and creates its accounts in `simulator`. Returns how many were created. */
export async function loadAccounts(simulator: Simulator, json: unknown): Promise<number> {
  if (!Array.isArray(json)) throw new AccountsFileError('accounts file: expected a JSON array');
  for (const [i, raw] of json.entries()) {
    if (typeof raw !== 'object' || raw === null)
      throw new AccountsFileError(`accounts[${i}]: expected an object`);
    const e = raw as AccountsFileEntry;
    for (const field of STRING_FIELDS) {
      if (e[field] !== undefined && typeof e[field] !== 'string')
        throw new AccountsFileError(`accounts[${i}]: "${field}" must be a string`);
    }
    if (!e.phone && !e.botToken) throw new AccountsFileError(`accounts[${i}]: needs "phone" or "botToken"`);
    if (e.dcId !== undefined && (!Number.isInteger(e.dcId) || e.dcId < 1 || e.dcId > simulator.dcCount)) {
      throw new AccountsFileError(`accounts[${i}]: dcId must be 1..${simulator.dcCount}`);
    }
    const account = simulator.accounts.create({
      ...(e.phone ? { phone: e.phone } : {}),
      ...(e.dcId ? { dcId: e.dcId } : {}),
      ...(e.firstName ? { firstName: e.firstName } : {}),
      ...(e.lastName ? { lastName: e.lastName } : {}),
      ...(e.botToken ? { botToken: e.botToken, bot: true } : {}),
      ...(e.loginEmail ? { loginEmail: e.loginEmail } : {}),
      ...(e.switches ? { switches: e.switches } : {}),
    });
    if (e.password !== undefined) {
      await simulator.setPassword(account.id, e.password, {
        ...(e.hint ? { hint: e.hint } : {}),
        ...(e.recoveryEmail ? { recoveryEmail: e.recoveryEmail } : {}),
      });
    }
  }
  return json.length;
}
