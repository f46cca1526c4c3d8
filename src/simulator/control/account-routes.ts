/**
 * Control API routes for accounts: list, read, create, change (switches merge; `password: null`
 * removes the password; a hint or recovery e-mail alone changes the existing one), delete, and
 * each account's authorizations with reset.
 *
 *   GET    /accounts  ·  GET /accounts/:id  ·  POST /accounts  ·  PATCH /accounts/:id  ·  DELETE /accounts/:id
 *   GET    /accounts/:id/authorizations
 *   DELETE /accounts/:id/authorizations[/:authKeyId]   log out one device, or all of them
 */
import { deleteAccount, listAuthorizations, resetAuthorizations } from '../cluster/console-views.js';
import type { Simulator } from '../cluster/simulator.js';
import { SimulatorError } from '../errors.js';
import { testNumberDc, type Account } from '../state/accounts.js';
import { accountInput, objectBody } from './json.js';
import type { Route } from './route.js';

export const accountRoutes: Route[] = [
  ['GET', /^\/accounts$/, (sim) => sim.accounts.list().map(publicAccount)],
  ['GET', /^\/accounts\/(\d+)$/, (sim, [id]) => publicAccount(account(sim, id!))],
  [
    'POST',
    /^\/accounts$/,
    async (sim, _p, body) => {
      const o = objectBody(body);
      const input = accountInput(o, sim.dcCount);
      if (!input.phone && !input.botToken) throw new SimulatorError('an account needs a phone (or a botToken for a bot)');
      // A test number lives on the DC its digits name unless told otherwise.
      const testDc = input.phone ? testNumberDc(input.phone, sim.dcCount) : undefined;
      if (input.dcId === undefined && testDc !== undefined) input.dcId = testDc;
      const created = sim.accounts.create(input);
      try {
        await applyPassword(sim, created, o);
      } catch (error) {
        sim.accounts.remove(created.id);
        throw error;
      }
      return publicAccount(created);
    },
  ],
  [
    'PATCH',
    /^\/accounts\/(\d+)$/,
    async (sim, [id], body) => {
      const o = objectBody(body);
      const existing = account(sim, id!);
      const { id: _ignored, ...change } = accountInput(o, sim.dcCount);
      if (change.switches) change.switches = { ...existing.switches, ...change.switches };
      if (change.phone !== undefined && change.phone.replace(/\D/g, '') !== existing.phone) {
        const other = sim.accounts.findByPhone(change.phone);
        if (other) throw new SimulatorError(`phone ${other.phone} already has an account`);
      }
      const updated = sim.accounts.update(existing.id, change);
      await applyPassword(sim, updated, o);
      return publicAccount(updated);
    },
  ],
  [
    'DELETE',
    /^\/accounts\/(\d+)$/,
    (sim, [id]) => (deleteAccount(sim.state, account(sim, id!).id), { ok: true }),
  ],
  [
    'GET',
    /^\/accounts\/(\d+)\/authorizations$/,
    (sim, [id]) => listAuthorizations(sim.state, account(sim, id!).id),
  ],
  [
    'DELETE',
    /^\/accounts\/(\d+)\/authorizations(?:\/(\d+))?$/,
    (sim, [id, key]) => ({
      reset: resetAuthorizations(sim.state, account(sim, id!).id, key ? BigInt(key) : undefined),
    }),
  ],
];

function account(sim: Simulator, id: string): Account {
  const a = sim.accounts.get(BigInt(id));
  if (!a) throw new SimulatorError(`no account ${id}`);
  return a;
}

/** An account without its password verifier: whether one is set, its hint and recovery e-mail. */
export function publicAccount(a: Account): unknown {
  const { password, ...rest } = a;
  return {
    ...rest,
    hasPassword: password !== undefined,
    hint: password?.hint,
    recoveryEmail: password?.recoveryEmail,
  };
}

/** `password` (string sets, null removes) with `hint` and `recoveryEmail`; those two alone change the current one. */
async function applyPassword(sim: Simulator, a: Account, o: Record<string, unknown>): Promise<void> {
  const extra: { hint?: string; recoveryEmail?: string } = {};
  if (typeof o['hint'] === 'string' && o['hint'] !== '') extra.hint = o['hint'];
  if (typeof o['recoveryEmail'] === 'string' && o['recoveryEmail'] !== '')
    extra.recoveryEmail = o['recoveryEmail'];
  if (!('password' in o)) {
    if (!('hint' in o) && !('recoveryEmail' in o)) return;
    if (!a.password) throw new SimulatorError('hint and recoveryEmail need a password: set one first');
    const hint = 'hint' in o ? extra.hint : a.password.hint;
    const recoveryEmail = 'recoveryEmail' in o ? extra.recoveryEmail : a.password.recoveryEmail;
    sim.accounts.update(a.id, { password: { ...a.password, hint, recoveryEmail } });
    return;
  }
  const pw = o['password'];
  if (pw !== null && typeof pw !== 'string') throw new SimulatorError('password must be a string or null');
  if (pw === '') throw new SimulatorError('password must not be empty (null removes it)');
  if (typeof pw === 'string' && pw.length > 256)
    throw new SimulatorError('password is longer than 256 characters');
  await sim.setPassword(a.id, pw ?? undefined, extra);
}
