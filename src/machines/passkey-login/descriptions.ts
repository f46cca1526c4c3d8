/**
 * Descriptions of the passkey login machine (`passkeyLogin`, passkey-login/machine.ts). They are kept
 * out of the machine config so the engine's bundle does not carry them (issue 11);
 * `describeMachineConfig` puts them back where people look at machines: docs/machines
 * (scripts/export-machines.ts) and the inspector. Keys are paths to a state or transition
 * (core/describe-machine-config.ts).
 */
import type { DescriptionTable } from '../core/index.js';

/** `passkeyLogin`'s descriptions by state or transition path. */
export const passkeyLoginDescriptions = {
  asserting: 'the host authenticator asks the user (not busy: the user is acting)',
  'asserting.invoke.getAssertion.onError': 'cancelled or no matching passkey',
  'finishing.invoke.finishPasskeyLogin.onError[isPasswordNeeded]': '2FA on the user DC',
  'finishing.invoke.finishPasskeyLogin.onError[canFollowMigrate]':
    'USER_MIGRATE_X: the account moved; finish on X (from_dc still names init)',
  failed: 'shows the error; passkey.start (handled by the root) starts a new attempt',
} satisfies DescriptionTable;
