/**
 * The real actors of the root machine: session load/save and logout over the ports, plus the
 * flow children with their own real actors provided. One place wires a whole engine.
 */
import { fromPromise } from 'xstate';
import type { AuthActors } from './auth.machine.js';
import { callRpc } from './call-rpc.js';
import { createPasswordActors, type SrpCrypto } from './password.actors.js';
import { passwordMachine } from './password.machine.js';
import { createPhoneLoginActors, type PhoneLoginDeps } from './phone-login.actors.js';
import { phoneLoginMachine } from './phone-login.machine.js';
import type { Random } from './ports.js';
import { userSummaryOf } from './sent-code.js';
import type { SessionKeeper } from './session.js';

export interface AuthDeps extends Omit<PhoneLoginDeps, 'futureAuthTokens' | 'rememberFutureToken'> {
  session: SessionKeeper;
  random: Random;
  srp: SrpCrypto;
}

/** The actors to `provide` to `authMachine`. */
export function createAuthActors(deps: AuthDeps): AuthActors {
  const { session, rpc } = deps;
  const tokens = {
    futureAuthTokens: () => session.futureAuthTokens(),
    rememberFutureToken: (t: Uint8Array) => session.rememberFutureToken(t),
  };
  return {
    loadSession: fromPromise(async () => {
      const s = await session.load();
      return { homeDcId: s.homeDcId, ...(s.user ? { user: s.user } : {}) };
    }),
    completeLogin: fromPromise(async ({ input }) => {
      await session.authorize(input.dcId, userSummaryOf(input.authorization.user));
    }),
    // auth.logOut#3e72ba19 = auth.LoggedOut; (loggedOut carries a future auth token to keep, §F.14)
    logOut: fromPromise(async ({ input, signal }) => {
      try {
        const out = await callRpc(rpc, input.dcId, { _: 'auth.logOut' }, signal);
        if (out.futureAuthToken) session.rememberFutureToken(out.futureAuthToken);
      } finally {
        await session.deauthorize();
      }
    }),
    phoneLogin: phoneLoginMachine.provide({ actors: createPhoneLoginActors({ ...deps, ...tokens }) }),
    password: passwordMachine.provide({
      actors: createPasswordActors({ rpc, random: deps.random, srp: deps.srp, ...tokens }),
    }),
  };
}
