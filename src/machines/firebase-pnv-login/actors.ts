/**
 * The real actors of the Firebase PNV login machine (layer 229): the three auth methods, the host's
 * `FirebasePnvProvider`, and help.acceptTermsOfService after a sign-up the user accepted.
 */
import { fromPromise } from 'xstate';
import { callRpc, keepFutureToken } from '../flow-kit/index.js';
import { AuthEngineError, resolverOf, type AuthRpc, type DepsResolver, type DepsSource } from '../core/index.js';
import { firebasePnvLoginMachine, type FirebasePnvLoginActors, type FirebasePnvProvider } from './machine.js';

export interface FirebasePnvLoginDeps {
  rpc: AuthRpc;
  apiId: number;
  apiHash: string;
  firebasePnv?: FirebasePnvProvider;
  rememberFutureToken(token: Uint8Array): void;
}

/** The actors to `provide` to `firebasePnvLoginMachine`. */
export function createFirebasePnvLoginActors(source: DepsSource<FirebasePnvLoginDeps>): FirebasePnvLoginActors {
  const at = resolverOf(source);
  return {
    // auth.initFirebasePnvLogin#777df37a api_id:int api_hash:string = auth.FirebasePnvIntent;
    initFirebasePnvLogin: fromPromise(async ({ input, signal, system }) => {
      const deps = at(system);
      const request = { _: 'auth.initFirebasePnvLogin' as const, apiId: deps.apiId, apiHash: deps.apiHash };
      const { nonce, digitalCredentialPayload } = await callRpc(deps.rpc, input.dcId, request, signal);
      return { nonce, digitalCredentialPayload };
    }),
    verifyPhoneNumber: fromPromise(({ input, signal, system }) => {
      const { firebasePnv } = at(system);
      if (!firebasePnv) {
        return Promise.reject(new AuthEngineError('firebasePnv.unsupported', 'no FirebasePnvProvider was given to the engine'));
      }
      return firebasePnv.verifyPhoneNumber(input, signal);
    }),
    // auth.finishFirebasePnvLogin#2c85094c google_token:string = auth.Authorization;
    finishFirebasePnvLogin: fromPromise(async ({ input, signal, system }) => {
      const { rpc, rememberFutureToken } = at(system);
      const request = { _: 'auth.finishFirebasePnvLogin' as const, googleToken: input.token.take() };
      return keepFutureToken(await callRpc(rpc, input.dcId, request, signal), rememberFutureToken);
    }),
    // auth.firebasePnvSignUp#783f6b56 flags:# no_joined_notifications:flags.0?true first_name:string
    //   last_name:string = auth.Authorization;
    firebasePnvSignUp: fromPromise(async ({ input, signal, system }) => {
      const { rpc, rememberFutureToken } = at(system);
      const request = { _: 'auth.firebasePnvSignUp' as const, firstName: input.firstName, lastName: input.lastName };
      const auth = await callRpc(rpc, input.dcId, request, signal);
      if (auth._ !== 'auth.authorization') throw new AuthEngineError('login.signUpRequired', 'sign-up answered sign-up required');
      return keepFutureToken(auth, rememberFutureToken);
    }),
    // help.acceptTermsOfService#ee72f79a id:DataJSON = Bool;
    acceptTerms: fromPromise(({ input, signal, system }) =>
      callRpc(at(system).rpc, input.dcId, { _: 'help.acceptTermsOfService', id: input.id }, signal),
    ),
  };
}

/**
 * Firebase PNV login for `createAuthEngine({ firebasePnv })`: the host's provider, and the flow machine
 * the engine provides in place of its `unsupported` stand-in (opt-in, so engines without it do not
 * carry the flow). `machine` is one function for every flow, so the engine provides it once per process.
 */
export interface FirebasePnvFlow {
  readonly provider: FirebasePnvProvider;
  readonly machine: (deps: DepsResolver<FirebasePnvLoginDeps>) => typeof firebasePnvLoginMachine;
}

const providedMachines = new WeakMap<DepsResolver<FirebasePnvLoginDeps>, typeof firebasePnvLoginMachine>();

function providedMachine(deps: DepsResolver<FirebasePnvLoginDeps>): typeof firebasePnvLoginMachine {
  let machine = providedMachines.get(deps);
  if (!machine) {
    machine = firebasePnvLoginMachine.provide({ actors: createFirebasePnvLoginActors(deps) });
    providedMachines.set(deps, machine);
  }
  return machine;
}

/** The Firebase PNV flow over `provider` (browserFirebasePnvProvider, or a software one). */
export function firebasePnvFlow(provider: FirebasePnvProvider): FirebasePnvFlow {
  return { provider, machine: providedMachine };
}
