/**
 * Descriptions of the root auth machine (`auth`, auth/machine.ts). They are kept out of the machine
 * config so the engine's bundle does not carry them (issue 11); `describeMachineConfig` puts them back
 * where people look at machines: docs/machines (scripts/export-machines.ts) and the inspector. Keys
 * are paths to a state or transition (core/describe-machine-config.ts).
 */
import type { DescriptionTable } from '../core/index.js';

/** `auth`'s descriptions by state or transition path. */
export const authDescriptions = {
  'on.*': 'a command this state does not expect',
  'initializing.invoke.loadSession.onDone[hasUser]': 'stored authorized session',
  'initializing.invoke.loadSession.onError': 'unreadable session: start a fresh login',
  'qrLogin.loading': "a browser build loads the QR flow's code first (passed through where it is linked)",
  'qrLogin.loading.invoke.loadFlow.onError': 'its code did not load: FLOW_LOAD_FAILED on the phone screen; qr.start retries',
  'passkeyLogin.loading': "a browser build loads the passkey flow's code first (passed through where it is linked)",
  'passkeyLogin.loading.invoke.loadFlow.onError': 'its code did not load: FLOW_LOAD_FAILED on the phone screen; passkey.start retries',
  botLogin: 'the token is kept (sealed) while a browser build loads the token-login code, and wiped when the root leaves',
  'botLogin.loading.invoke.loadFlow.onError': 'its code did not load: FLOW_LOAD_FAILED on the phone screen; bot.submit retries',
  webTokenLogin: 'the token is kept (sealed) while a browser build loads the token-login code, and wiped when the root leaves',
  'webTokenLogin.loading.invoke.loadFlow.onError': 'its code did not load: FLOW_LOAD_FAILED on the phone screen; webToken.submit retries',
  'password.on.phone.edit': 'give up on this account: start over with a number',
  'ready.idle.on.qr.approve[else]': 'not a tg://login link: refused before any request',
  'ready.saving': 'persist the login (home DC, user) before anything else may happen',
  'ready.saving.invoke.completeLogin.onError': 'logged in, but the store failed',
  'ready.approving': 'auth.acceptLoginToken: log the device that shows this QR code into this account',
  'loggingOut.invoke.logOut.onError': 'the local session is dropped even if the server did not answer',
} satisfies DescriptionTable;
