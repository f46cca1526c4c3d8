/**
 * Why parts of the dc-key machine(s) are not reached by the replayed paths (see ../unreachable.ts).
 * None: the key-lifecycle model (dc-key.model.test.ts) reaches every state and transition of the
 * real key machine, with and without PFS. A rule added here must say why its item CANNOT be reached.
 */
import type { Rule } from './rule.js';

export const DC_KEY_RULES: readonly Rule[] = [];
