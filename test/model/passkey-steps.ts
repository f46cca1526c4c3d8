/**
 * The host and simulator side of the other-logins model's `PASSKEY_START`: one software
 * authenticator per engine (given through createAuthEngine's `passkey` option) whose offered
 * credential each step chooses, and the account it belongs to: on the home DC, on another DC
 * (finishPasskeyLogin there, naming the init DC and key), with 2FA, redirected once by a wrong
 * USER_MIGRATE, with a user handle that is not Telegram's, with a key the server does not know,
 * init failing, or nothing to offer.
 */
import {
  createSoftwarePasskey,
  softwarePasskeyAuthenticator,
  type SoftwarePasskey,
} from '../../src/adapters/passkey/index.js';
import type { PasskeyAuthenticator } from '../../src/machines/index.js';
import { fixedRandom } from '../helpers/fixed-random.js';
import { account, type World } from '../integration/sim-world.js';
import { FAULT_ERROR, type PasskeyKind } from './other-logins.model.js';
import { expectFaultsUsed, QR_PASSWORD } from './qr-steps.js';

/** The password of the 2FA passkey user (the model's SUBMIT_PASSWORD sends one password for all). */
export const PASSKEY_PASSWORD = QR_PASSWORD;

/** An authenticator whose offered credential the steps set. */
export interface PasskeyHost {
  readonly authenticator: PasskeyAuthenticator;
  offer(passkey: SoftwarePasskey | undefined): void;
}

export function passkeyHost(): PasskeyHost {
  const offered: SoftwarePasskey[] = [];
  return {
    authenticator: softwarePasskeyAuthenticator(offered),
    offer(passkey) {
      offered.length = 0;
      if (passkey) offered.push(passkey);
    },
  };
}

let seq = 0;

/** The user's DC per kind (the engine starts on DC 1). */
const DC_OF: Record<PasskeyKind, number> = {
  home: 1,
  otherDc: 3,
  twoFA: 3,
  redirected: 3,
  badHandle: 1,
  unregistered: 1,
  initFails: 1,
  none: 1,
};

/** Where finishPasskeyLogin goes, when not once to the user's DC. */
const FINISHED_ON: Partial<Record<PasskeyKind, number[]>> = {
  redirected: [3, 2, 3],
  initFails: [],
  badHandle: [],
};

/**
 * Arranges the account, the credential the host offers and any fault for one `passkey.start`;
 * returns the check to run once the engine settled (faults used, where finishPasskeyLogin went).
 */
export async function arrangePasskey(w: World, host: PasskeyHost, kind: PasskeyKind): Promise<() => void> {
  if (kind === 'none') {
    host.offer(undefined);
    return () => {};
  }
  const dcId = DC_OF[kind];
  const user = account(w, { dcId });
  const random = fixedRandom(`model-passkey-${++seq}`);
  const handle = kind === 'badHandle' ? `ada-${user.id}` : `${dcId}:${user.id}`;
  const key = createSoftwarePasskey({ userHandle: handle, random });
  // The server knows the credential id; for `unregistered` it holds another key's public key.
  const registered =
    kind === 'unregistered' ? createSoftwarePasskey({ userHandle: handle, random }).publicKey : key.publicKey;
  w.sim.accounts.update(user.id, {
    passkeys: [{ id: key.credentialId, publicKey: registered, name: 'model', signCount: 0 }],
  });
  if (kind === 'twoFA') await w.sim.setPassword(user.id, PASSKEY_PASSWORD);
  // DC 2 does not hold the user: its finish answers USER_MIGRATE_3, and the flow follows it back.
  if (kind === 'redirected') w.sim.faults.reject('auth.finishPasskeyLogin', 303, 'USER_MIGRATE_2', 1);
  if (kind === 'initFails') w.sim.faults.reject('auth.initPasskeyLogin', 500, FAULT_ERROR, 1);
  const finishedOn: number[] = [];
  const stop = w.sim.onCall(({ method, dcId: on }) => {
    if (method === 'auth.finishPasskeyLogin') finishedOn.push(on);
  });
  host.offer(key);
  return () => {
    stop();
    expectFaultsUsed(w);
    const expected = FINISHED_ON[kind] ?? [dcId];
    if (JSON.stringify(finishedOn) !== JSON.stringify(expected))
      throw new TypeError(
        `finishPasskeyLogin went to DCs ${JSON.stringify(finishedOn)}, expected ${JSON.stringify(expected)}`,
      );
  };
}
