/**
 * Descriptions of the bot login machine (`botLogin`, token-login/bot-login.machine.ts, its states come from
 * token-login/setup.ts). They are kept out of the machine config so the engine's bundle does not carry
 * them (issue 11); `describeMachineConfig` puts them back where people look at machines: docs/machines
 * (scripts/export-machines.ts) and the inspector. Keys are paths to a state or transition
 * (core/describe-machine-config.ts).
 */
import type { DescriptionTable } from '../core/index.js';

/** `botLogin`'s descriptions by state or transition path. */
export const botLoginDescriptions = {
  'importing.invoke.importBotAuthorization.onError[canFollowMigrate]':
    'USER_MIGRATE_X: the bot lives on DC X; import there',
} satisfies DescriptionTable;
