/** Direct-handler harness: a SimState on a manual clock and fixed random, keys registered by hand. */
import { RpcError } from '../../src/transport/index.js';
import { dispatch, SimState, type CallContext, type MethodResult, type TlValue } from '../../src/simulator/index.js';
import { fixedRandom } from '../helpers/fixed-random.js';
import { ManualClock } from '../helpers/manual-clock.js';

export interface Harness {
  state: SimState;
  clock: ManualClock;
  /** Registers a permanent (or temp) key on `dcId` and returns a caller bound to it. */
  connect(dcId: number, kind?: 'perm' | 'temp', expiresInSec?: number): Client;
}

export interface Client {
  keyId: bigint;
  dcId: number;
  key: Uint8Array;
  sessionId: bigint;
  call(request: TlValue, msgId?: bigint): Promise<MethodResult>;
  /** Resolves to the rpc_error text the call fails with. */
  error(request: TlValue): Promise<string>;
}

let nextKey = 1n;

export function harness(settings: ConstructorParameters<typeof SimState>[2] = {}): Harness {
  const clock = new ManualClock();
  const random = fixedRandom('sim-test');
  const state = new SimState(clock, random, settings);
  return {
    state,
    clock,
    connect(dcId, kind = 'perm', expiresInSec = 3600) {
      const keyId = 0x1000n + nextKey++;
      const key = random.bytes(256);
      state.keys.add({
        id: keyId,
        dcId,
        key,
        kind,
        createdAt: state.now(),
        expiresAt: kind === 'temp' ? state.now() + expiresInSec * 1000 : undefined,
        layer: 223,
      });
      const sessionId = 0x5e55n + nextKey;
      const call = (request: TlValue, msgId = BigInt(state.now()) << 20n) => {
        const ctx: CallContext = { dcId, authKeyId: keyId, sessionId, msgId };
        return dispatch(state, request, ctx);
      };
      return {
        keyId,
        dcId,
        key,
        sessionId,
        call,
        async error(request) {
          try {
            await call(request);
          } catch (e) {
            if (e instanceof RpcError) return e.text;
            throw e;
          }
          throw new Error(`${request._} succeeded`);
        },
      };
    },
  };
}

export const api = { apiId: 12345, apiHash: '0123456789abcdef0123456789abcdef' };
export const sendCodeReq = (phone: string, settings: TlValue = { _: 'codeSettings' }): TlValue => ({
  _: 'auth.sendCode',
  phoneNumber: phone,
  ...api,
  settings,
});

/** sendCode + signIn(+signUp) with a test number on the right DC; returns the user id. */
export async function loginTestNumber(c: Client, phone: string, code: string): Promise<bigint> {
  const sent = (await c.call(sendCodeReq(phone))) as TlValue;
  const hash = sent.phoneCodeHash as string;
  let auth = (await c.call({ _: 'auth.signIn', phoneNumber: phone, phoneCodeHash: hash, phoneCode: code })) as TlValue;
  if (auth._ === 'auth.authorizationSignUpRequired') {
    auth = (await c.call({ _: 'auth.signUp', phoneNumber: phone, phoneCodeHash: hash, firstName: 'Test', lastName: '' })) as TlValue;
  }
  return (auth.user as TlValue).id as bigint;
}
