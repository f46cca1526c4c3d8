/** A simulator on a manual clock with fixed randomness, and clients that reach it only over MTProto. */
import { nodeCrypto } from '../../../src/adapters/crypto/index.js';
import { createSimulator, type SimulatorOptions } from '../../../src/simulator/index.js';
import type { TlLike } from '../../../src/transport/index.js';
import { fixedRandom } from '../../helpers/fixed-random.js';
import { ManualClock } from '../../helpers/manual-clock.js';
import { API, pipeTo, WireClient, type WireOptions } from './wire-client.js';

export { API, WireClient };
export type Value = TlLike & Record<string, unknown>;

let seed = 0;

export function wireSim(options: Partial<SimulatorOptions> = {}) {
  const clock = new ManualClock();
  const sim = createSimulator({
    clock,
    random: fixedRandom(`sim-${seed++}`),
    crypto: nodeCrypto,
    ...options,
  });
  const connect = (dcId: number, extra: Partial<WireOptions> = {}) =>
    WireClient.connect({
      dcId,
      clock,
      random: fixedRandom(`client-${seed++}`),
      crypto: nodeCrypto,
      open: pipeTo(sim, dcId),
      ...extra,
    });
  return { sim, clock, connect };
}

export const sendCodeReq = (phone: string, settings: Value = { _: 'codeSettings' }): Value => ({
  _: 'auth.sendCode',
  phoneNumber: phone,
  ...API,
  settings,
});

/** sendCode + signIn (+ signUp) over the wire; returns the user id. */
export async function login(c: WireClient, phone: string, code: string): Promise<bigint> {
  const sent = (await c.call(sendCodeReq(phone))) as Value;
  const hash = sent['phoneCodeHash'] as string;
  let auth = (await c.call({
    _: 'auth.signIn',
    phoneNumber: phone,
    phoneCodeHash: hash,
    phoneCode: code,
  })) as Value;
  if (auth._ === 'auth.authorizationSignUpRequired') {
    auth = (await c.call({
      _: 'auth.signUp',
      phoneNumber: phone,
      phoneCodeHash: hash,
      firstName: 'Test',
      lastName: '',
    })) as Value;
  }
  return (auth['user'] as Value)['id'] as bigint;
}
