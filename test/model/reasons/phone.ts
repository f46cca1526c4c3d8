/**
 * Why parts of the phone-login and password machines are not reached by the replayed paths (see
 * ../unreachable.ts): nothing. phone.model.test.ts and password.model.test.ts reach every state and
 * transition of both (Firebase SMS and paid login through engine hosts, every request failing,
 * forged answers of the other TL constructors, a durable engine resuming), so no rule is needed.
 */
import type { Rule } from './rule.js';

export const PHONE_RULES: readonly Rule[] = [];
