/** Why parts of the auth machine(s) are not reached by the replayed paths (see ../unreachable.ts). */
import type { Rule } from './rule.js';

/**
 * test/model/auth.model.test.ts (with firebase-pnv.model.test.ts for the Firebase PNV state) reaches
 * every state of the root and every transition but four: the phone, QR, passkey and Firebase PNV
 * children crashing. Nothing the engine's API accepts reaches those any more: engine.send refuses a malformed command (AuthCommandError), guards are false on odd input, a
 * failing update stream makes the QR login poll, and an authenticator answering nothing is a typed
 * passkey error. (The bot and web-token children still crash on an unsealed token sent straight to
 * engine.actor, which skips the command check: the model drives those.)
 */
export const AUTH_RULES: readonly Rule[] = [
  [
    /^auth\.(phoneLogin|qrLogin|passkeyLogin|firebasePnvLogin)(\.running)? --xstate\.error\.actor\.(phoneLogin|qrLogin|passkeyLogin|firebasePnvLogin)#0-->/,
    'unreachable through the engine API: only a defect inside the child (a throwing action) crashes it; ' +
      'engine.send refuses malformed commands and guards are false on odd input',
  ],
  [
    /^auth\.(qrLogin|passkeyLogin|botLogin|webTokenLogin)\.loading --xstate\.(done|error)\.actor\.loadFlow#0-->/,
    'unreachable in Node: src/machines/index.ts links the QR, passkey and token-login flows eagerly, so the ' +
      'root skips loading; the browser build loads them on demand: test/browser/split-build.browser.test.ts ' +
      'covers the QR load and a failed load with its retry, test/machines/lazy-flow.test.ts the bot login',
  ],
];
