/**
 * Descriptions of the password (2FA) machine (`password`, password/machine.ts). They are kept out of
 * the machine config so the engine's bundle does not carry them (issue 11); `describeMachineConfig`
 * puts them back where people look at machines: docs/machines (scripts/export-machines.ts) and the
 * inspector. Keys are paths to a state or transition (core/describe-machine-config.ts).
 */
import type { DescriptionTable } from '../core/index.js';

/** `password`'s descriptions by state or transition path. */
export const passwordDescriptions = {
  'on.*': 'a command this state does not expect',
  'fetching.invoke.getPassword.onError[isFloodWait]':
    'FLOOD_WAIT_X: the countdown, then the form with no SRP parameters (its first submit fetches them)',
  'waitPassword.idle.on.password.submit[else]':
    'no usable SRP parameters yet (their fetch failed): fetch them, then check this password',
  'waitPassword.checking.invoke.checkPassword.onDone[else]': 'authorizationSignUpRequired: start over',
  'waitPassword.checking.invoke.checkPassword.onError[needsRefetch]':
    'wrong password or stale srp_id: new SRP parameters, the user tries again',
  'waitPassword.refetching.invoke.getPassword.onError[isFloodWait]':
    'FLOOD_WAIT_X: the countdown, then the form with the check error again and no SRP parameters (the next submit fetches them)',
  'waitPassword.refetching.invoke.getPassword.onError[else]':
    'the check error stays on screen; the next submit fetches new parameters first',
  'requestingRecovery.invoke.requestRecovery.onError[isFloodWait]':
    'FLOOD_WAIT_X: the countdown on the password form, where every error of this request goes (also when the recovery screen asked for the e-mail again)',
  'waitPasswordRecovery.idle.on.recovery.request': 'send the e-mail again',
  'waitPasswordRecovery.recovering.invoke.recoverPassword.onDone[else]':
    'authorizationSignUpRequired: start over',
} satisfies DescriptionTable;
