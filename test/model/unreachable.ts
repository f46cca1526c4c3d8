import { AUTH_RULES } from './reasons/auth.js';
import { DC_KEY_RULES } from './reasons/dc-key.js';
import { OTHER_LOGINS_RULES } from './reasons/other-logins.js';
import { PHONE_RULES } from './reasons/phone.js';
import type { Rule } from './reasons/rule.js';

/**
 * Why states and transitions of the real machines are not reached by the replayed paths. Keys are
 * patterns matched against state ids and transition labels (as `coverage.ts` prints them); the first
 * match gives the reason. "Not modelled yet" means reachable, but no model event drives it yet
 * (the follow-up is a fault event: `sim.faults.reject(method, code, text, 1)` before the step).
 * Each area keeps its rules in reasons/<area>.ts; the cross-cutting ones below come last.
 */

const RULES: readonly Rule[] = [
  ...AUTH_RULES,
  ...PHONE_RULES,
  ...OTHER_LOGINS_RULES,
  ...DC_KEY_RULES,
  [/floodWait|\[isFloodWait\]/, 'not modelled yet: needs a FLOOD_WAIT_X answer to this method (fault event)'],
  [
    /xstate\.error\.actor\./,
    'not modelled yet: this RPC failing with an error the flow does not special-case (fault event)',
  ],
];

/** The reason `key` (a state id or transition label) is not covered, if one is known. */
export function unreachableReason(key: string): string | undefined {
  return RULES.find(([pattern]) => pattern.test(key))?.[1];
}
