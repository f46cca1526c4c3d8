/** Why parts of the auth machine(s) are not reached by the replayed paths (see ../unreachable.ts). */
import type { Rule } from './rule.js';

export const AUTH_RULES: readonly Rule[] = [
  [
    /^auth\.(botLogin|webTokenLogin) --xstate\.done\.actor\.\w+#0 \[isPasswordNeeded\]/,
    'unreachable by construction: import logins end `authorized` or `failed`, never `passwordNeeded`',
  ],
  [
    /^auth\.\w+ --xstate\.error\.actor\.(phoneLogin|qrLogin|passkeyLogin|botLogin|webTokenLogin|password)#/,
    'unreachable by design: a flow child errors only if its own machine code throws (every RPC failure is handled inside it)',
  ],
  [
    /^auth\.initializing --xstate\.(done\.actor\.loadSession#0|error\.actor\.loadSession)/,
    'not modelled yet: needs a stored (or unreadable) session; the model starts from an empty store',
  ],
];
