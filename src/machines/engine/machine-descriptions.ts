/**
 * Every machine's descriptions by machine id (the `id` of its config, which inspection events
 * carry), for tools that show machines to people. Nothing the engine runs imports this (issue 11:
 * the strings stay out of its bundle); see core/describe-machine-config.ts.
 */
import { authDescriptions } from '../auth/index.js';
import { botLoginDescriptions } from '../token-login/bot-login.descriptions.js';
import { webTokenLoginDescriptions } from '../token-login/web-token-login.descriptions.js';
import { dcKeyDescriptions } from '../dc-key/index.js';
import { describeMachineConfig, type DescriptionTable } from '../core/index.js';
import { passkeyLoginDescriptions } from '../passkey-login/descriptions.js';
import { firebasePnvLoginDescriptions } from '../firebase-pnv-login/index.js';
import { passwordDescriptions } from '../password/index.js';
import { phoneLoginDescriptions } from '../phone-login/index.js';
import { qrLoginDescriptions } from '../qr-login/descriptions.js';

/** The description table of each machine, by machine id. */
export const machineDescriptions: Readonly<Record<string, DescriptionTable>> = {
  auth: authDescriptions,
  phoneLogin: phoneLoginDescriptions,
  password: passwordDescriptions,
  qrLogin: qrLoginDescriptions,
  botLogin: botLoginDescriptions,
  webTokenLogin: webTokenLoginDescriptions,
  passkeyLogin: passkeyLoginDescriptions,
  firebasePnvLogin: firebasePnvLoginDescriptions,
  dcKey: dcKeyDescriptions,
};

/**
 * `config` (a machine's `config`) with its descriptions from `machineDescriptions`, found by its
 * `id`; a copy, the original is untouched. A config of a machine with no table comes back as is.
 */
export function describedConfigOf<T extends object>(config: T): T {
  const id = (config as { id?: unknown }).id;
  const table =
    typeof id === 'string' && Object.hasOwn(machineDescriptions, id) ? machineDescriptions[id] : undefined;
  return table ? describeMachineConfig(config, table) : config;
}
