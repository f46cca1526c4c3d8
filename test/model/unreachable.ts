import { AUTH_RULES } from './reasons/auth.js';
import { DC_KEY_RULES } from './reasons/dc-key.js';
import { OTHER_LOGINS_RULES } from './reasons/other-logins.js';
import { PHONE_RULES } from './reasons/phone.js';
import type { Rule } from './reasons/rule.js';

/**
 * Why states and transitions of the real machines are not reached by the replayed paths. Keys are
 * patterns matched against state ids and transition labels (as `coverage.ts` prints them); the first
 * match gives the reason. Each area keeps its rules in reasons/<area>.ts, one per transition that
 * cannot be reached, with the reason.
 *
 * There are no cross-cutting rules: a blanket pattern (`floodWait|[isFloodWait]`, or any
 * `xstate.error.actor.`) explains every new transition it matches, so the strict check could not
 * report a FLOOD_WAIT countdown or an RPC failure that no path reaches. A reachable one gets a model
 * event case instead (a `flooded` / `rejected` fault: `sim.faults.reject(method, code, text, 1)`
 * before the step, see phone-events.ts).
 */

const RULES: readonly Rule[] = [
  ...AUTH_RULES,
  ...PHONE_RULES,
  ...OTHER_LOGINS_RULES,
  ...DC_KEY_RULES,
];

/** The reason `key` (a state id or transition label) is not covered, if one is known. */
export function unreachableReason(key: string): string | undefined {
  return RULES.find(([pattern]) => pattern.test(key))?.[1];
}
