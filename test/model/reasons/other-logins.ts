/** Why parts of the other-logins machine(s) are not reached by the replayed paths (see ../unreachable.ts). */
import type { Rule } from './rule.js';

export const OTHER_LOGINS_RULES: readonly Rule[] = [
  [
    /^qrLogin\.importing --xstate\.done\.actor\.importLoginToken#2 \[isToken\]/,
    'unreachable against a §G server: importLoginToken answers loginTokenSuccess, loginTokenMigrateTo or an error ' +
      '(AUTH_TOKEN_*, SESSION_PASSWORD_NEEDED), never a bare auth.loginToken, and so does the simulator (qr-login.ts ' +
      '`finish`); the branch only keeps a TL-legal but undocumented answer from being reported as a redirect loop',
  ],
  [
    /^auth\.(qrLogin|passkeyLogin) --xstate\.done\.actor\.(qrLogin|passkeyLogin)#1 \[isFlowFailed\]/,
    'unreachable by construction: the QR and passkey machines output only `authorized` or `passwordNeeded` ' +
      '(their failures are the non-final `failed` state, shown in place); `isFlowFailed` is in the shared ' +
      '`flowDone` list for the bot and web-token logins',
  ],
];
