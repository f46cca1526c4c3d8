/**
 * createAuthEngine's `passkey` option: the host's authenticator reaches the passkey flow (no hand-built
 * root machine needed), and without one the flow says so instead of calling finishPasskeyLogin.
 */
import { describe, expect, it } from 'vitest';
import { createSoftwarePasskey, softwarePasskeyAuthenticator } from '../../src/adapters/passkey/index.js';
import type { PasskeyAuthenticator } from '../../src/machines/index.js';
import { fixedRandom } from '../helpers/fixed-random.js';
import { authorization } from './fixtures.js';
import { rig, settle } from './harness.js';

const challenge = 'Y2hhbGxlbmdl';
const init = () => ({
  _: 'auth.passkeyLoginOptions',
  options: {
    _: 'dataJSON',
    data: JSON.stringify({ publicKey: { challenge, rpId: 'telegram.org', allowCredentials: [] } }),
  },
});

async function settled(times = 10): Promise<void> {
  for (let i = 0; i < times; i++) await settle();
}

describe('createAuthEngine passkey option', () => {
  it('asks the given authenticator with the server challenge and finishes with its assertion', async () => {
    const key = createSoftwarePasskey({ userHandle: '2:777001', random: fixedRandom('engine-passkey') });
    const asked: string[] = [];
    const software = softwarePasskeyAuthenticator([key]);
    const passkey: PasskeyAuthenticator = {
      getAssertion: (options, signal) => {
        asked.push(options.challenge);
        return software.getAssertion(options, signal);
      },
    };
    const r = await rig(
      { 'auth.initPasskeyLogin': init, 'auth.finishPasskeyLogin': () => authorization() },
      { passkey },
    );
    r.engine.send({ type: 'passkey.start' });
    await settled();
    expect(asked).toEqual([challenge]);
    expect(r.rpc.callsOf('auth.finishPasskeyLogin').map((c) => c.request)).toMatchObject([
      { credential: { id: key.credentialId, response: { userHandle: '2:777001' } } },
    ]);
    expect(r.engine.getSnapshot()).toMatchObject({ status: 'ready' });
  });

  it('without one, the passkey screen shows passkey.unavailable and nothing is finished', async () => {
    const r = await rig({ 'auth.initPasskeyLogin': init, 'auth.finishPasskeyLogin': () => authorization() });
    r.engine.send({ type: 'passkey.start' });
    await settled();
    expect(r.rpc.callsOf('auth.finishPasskeyLogin')).toHaveLength(0);
    expect(r.engine.getSnapshot()).toMatchObject({
      status: 'waitPasskey',
      busy: false,
      error: { type: 'passkey.unavailable' },
    });
  });
});
