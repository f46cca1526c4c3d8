/** Why parts of the auth machine(s) are not reached by the replayed paths (see ../unreachable.ts). */
import type { Rule } from './rule.js';

/**
 * Nothing of the root machine is left without a path (test/model/auth.model.test.ts reaches every
 * state and transition: stored and corrupt sessions, a failing store, a revoked session, and each
 * flow child crashing on a host bug). The list stays so a future gap gets a precise reason here.
 */
export const AUTH_RULES: readonly Rule[] = [];
