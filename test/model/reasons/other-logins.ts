/** Why parts of the other-logins machine(s) are not reached by the replayed paths (see ../unreachable.ts). */
import type { Rule } from './rule.js';

export const OTHER_LOGINS_RULES: readonly Rule[] = [
  [
    /^qrLogin\.importing --xstate\.done\.actor\.importLoginToken#2 \[isToken\]/,
    'unreachable against a core.telegram.org/api/qr-login server: importLoginToken answers loginTokenSuccess, loginTokenMigrateTo or an error ' +
      '(AUTH_TOKEN_*, SESSION_PASSWORD_NEEDED), never a bare auth.loginToken, and so does the simulator (qr-login.ts ' +
      '`finish`); the branch only keeps a TL-legal but undocumented answer from being reported as a redirect loop',
  ],
];
