/**
 * Descriptions of the QR login machine (`qrLogin`, qr-login/machine.ts). They are kept out of the
 * machine config so the engine's bundle does not carry them (issue 11); `describeMachineConfig` puts
 * them back where people look at machines: docs/machines (scripts/export-machines.ts) and the
 * inspector. Keys are paths to a state or transition (core/describe-machine-config.ts).
 */
import type { DescriptionTable } from '../core/index.js';

/** `qrLogin`'s descriptions by state or transition path. */
export const qrLoginDescriptions = {
  'invoke.watchLoginToken.onError': 'the update stream failed: poll instead (see waitingScan)',
  'exporting.invoke.exportLoginToken.onDone[else]': 'migrate loop: the server keeps redirecting',
  'exporting.invoke.exportLoginToken.onError[isPasswordNeeded]': 'accepted by a user with 2FA, on this DC',
  'waitingScan.on.loginToken.updated': 'accepted: the next export answers success or migrate-to',
  'waitingScan.after.qrTokenExpiry': 'the shown token expired: draw a fresh one',
  'waitingScan.after.qrPoll': 'no update stream: ask again whether the code was accepted',
  importing: 'auth.importLoginToken on the user DC (its key is created first if needed)',
  'importing.invoke.importLoginToken.onError[isPasswordNeeded]': '2FA on the user DC',
  'importing.invoke.importLoginToken.onError[isTokenExpired]':
    'the migrate token died while the target DC key was made: start over, do not fail',
  failed: 'shows the error until qr.start (the root restarts this machine) or an acceptance',
} satisfies DescriptionTable;
