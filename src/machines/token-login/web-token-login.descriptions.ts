/**
 * Descriptions of the web token login machine (`webTokenLogin`, token-login/web-token-login.machine.ts, its states
 * come from token-login/setup.ts). They are kept out of the machine config so the engine's bundle does
 * not carry them (issue 11); `describeMachineConfig` puts them back where people look at machines:
 * docs/machines (scripts/export-machines.ts) and the inspector. Keys are paths to a state or
 * transition (core/describe-machine-config.ts).
 */
import type { DescriptionTable } from '../core/index.js';

/** `webTokenLogin`'s descriptions by state or transition path. */
export const webTokenLoginDescriptions = {
  'importing.invoke.importWebTokenAuthorization.onError[canFollowMigrate]':
    'USER_MIGRATE_X: the host named the wrong DC; import on X',
} satisfies DescriptionTable;
