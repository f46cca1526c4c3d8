/**
 * The real actors of the passkey login machine (core.telegram.org/api/passkeys): initPasskeyLogin with its
 * options parsed from DataJSON, the host's `PasskeyAuthenticator`, and finishPasskeyLogin built
 * from the assertion, with `from_dc_id`/`from_auth_key_id` when the user's DC is not the init DC.
 */
import { fromPromise } from 'xstate';
import type { TlTypeOf } from '../../tl/index.js';
import { callRpc, keepFutureToken } from '../flow-kit/index.js';
import { AuthEngineError, type AuthRpc, type PasskeyAssertion, type PasskeyAuthenticator, type PasskeyRequestOptions, resolverOf, type DepsSource } from '../core/index.js';
import type { FinishPasskeyInput, PasskeyLoginActors } from './machine.js';

export interface PasskeyLoginDeps {
  rpc: AuthRpc;
  apiId: number;
  apiHash: string;
  passkey?: PasskeyAuthenticator;
  rememberFutureToken(token: Uint8Array): void;
}

/** `options.data` is `{"publicKey": PublicKeyCredentialRequestOptions}` with base64url binaries (core.telegram.org/api/passkeys step 2). */
export function parsePasskeyOptions(data: string): PasskeyRequestOptions {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch (cause) {
    throw new AuthEngineError('passkey.optionsInvalid', 'passkey login options are not JSON', { cause });
  }
  const pk = (json as { publicKey?: Record<string, unknown> } | null)?.publicKey;
  if (!pk || typeof pk.challenge !== 'string') {
    throw new AuthEngineError('passkey.optionsInvalid', 'passkey login options carry no publicKey.challenge');
  }
  return pk as unknown as PasskeyRequestOptions;
}

/** `inputPasskeyCredentialPublicKey` with `inputPasskeyResponseLogin` from an assertion (core.telegram.org/api/passkeys step 3). */
export function passkeyCredentialOf(a: FinishPasskeyInput['assertion']): TlTypeOf<'InputPasskeyCredential'> {
  return {
    _: 'inputPasskeyCredentialPublicKey',
    id: a.credentialId,
    rawId: a.credentialId,
    response: {
      _: 'inputPasskeyResponseLogin',
      clientData: { _: 'dataJSON', data: a.clientDataJson },
      authenticatorData: a.authenticatorData,
      signature: a.signature,
      userHandle: a.userHandle,
    },
  };
}

/** The actors to `provide` to `passkeyLoginMachine`. */
export function createPasskeyLoginActors(source: DepsSource<PasskeyLoginDeps>): PasskeyLoginActors {
  const at = resolverOf(source);
  return {
    // auth.initPasskeyLogin#518ad0b7 api_id:int api_hash:string = auth.PasskeyLoginOptions;
    initPasskeyLogin: fromPromise(async ({ input, signal, system }) => {
      const deps = at(system);
      const request = { _: 'auth.initPasskeyLogin' as const, apiId: deps.apiId, apiHash: deps.apiHash };
      const answer = await callRpc(deps.rpc, input.dcId, request, signal);
      return parsePasskeyOptions(answer.options.data);
    }),
    getAssertion: fromPromise(({ input, signal, system }) => {
      const { passkey } = at(system);
      if (!passkey) return Promise.reject(new AuthEngineError('passkey.unavailable', 'no PasskeyAuthenticator'));
      // A host authenticator that resolves nothing (a JS host's bug) fails the attempt with a typed error.
      return passkey.getAssertion(input, signal).then((assertion: unknown) => {
        if (typeof assertion !== 'object' || assertion === null) {
          throw new AuthEngineError('passkey.noAssertion', 'the PasskeyAuthenticator answered no assertion');
        }
        return assertion as PasskeyAssertion;
      });
    }),
    // auth.finishPasskeyLogin#9857ad07 flags:# credential:InputPasskeyCredential
    //   from_dc_id:flags.0?int from_auth_key_id:flags.0?long = auth.Authorization;
    finishPasskeyLogin: fromPromise(async ({ input, signal, system }) => {
      const { rpc, rememberFutureToken } = at(system);
      let from = {};
      if (input.dcId !== input.initDcId) {
        // The server checks the challenge against the DC and key that asked for it (step 5).
        const keyId = await rpc.permAuthKeyId?.(input.initDcId);
        if (keyId === undefined) {
          throw new AuthEngineError('passkey.fromKeyUnknown', `no auth key id for DC ${input.initDcId} to name in from_auth_key_id`);
        }
        from = { fromDcId: input.initDcId, fromAuthKeyId: keyId };
      }
      const request = { _: 'auth.finishPasskeyLogin' as const, credential: passkeyCredentialOf(input.assertion), ...from };
      const auth = await callRpc(rpc, input.dcId, request, signal);
      if (auth._ !== 'auth.authorization') throw new AuthEngineError('login.signUpRequired', 'passkey login answered sign-up required');
      return keepFutureToken(auth, rememberFutureToken);
    }),
  };
}
