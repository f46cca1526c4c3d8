/** Why parts of the other-logins machine(s) are not reached by the replayed paths (see ../unreachable.ts). */
import type { Rule } from './rule.js';

export const OTHER_LOGINS_RULES: readonly Rule[] = [
  [
    /passkeyLogin\.passwordNeeded|passkeyLogin#0 \[isPasswordNeeded\]|\[canFollowMigrate\]--> passkeyLogin/,
    'not modelled yet: a passkey user with 2FA / on another DC (the latter fails today: createTransportRpc has no permAuthKeyId)',
  ],
  [
    /^qrLogin\.failed|exportLoginToken#3|importLoginToken#[123]/,
    'not modelled yet: a QR export/import that fails or keeps redirecting (fault event)',
  ],
];
