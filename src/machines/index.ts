/**
 * machines/: the XState auth engine, its machines, ports and the UI-facing view.
 *
 * The folders, top to bottom. A file may import its own folder's files, and another folder only
 * through that folder's index.ts and only downwards in this list (the login flows never import each
 * other). `npm run check:layers` enforces it and prints the graph.
 *
 *   engine/         createAuthEngine: wires ports, the root actor, the per-DC link, the view
 *   auth/           the root machine (TDLib's authorization states) and its actors
 *   session/        the stored session and the SessionKeeper
 *   phone-login/ password/ qr-login/ token-login/ passkey-login/ firebase-pnv-login/
 *                   one login flow each: machine, setup, actors, descriptions, helper states
 *   flow-kit/       what the flows share: commands, AuthView, AuthError, sent codes, callRpc
 *   dc-link/        the per-DC link: connection + key machine per DC, RPC, DC selection
 *   dc-key/         one DC's key lifecycle: permanent key, PFS temp key, binding, rotation
 *   core/           errors, ports, sealed secrets, system dependencies
 *
 * This file is the package's `tgauth` and `tgauth/machines` entry: it re-exports each folder's door
 * and links every login flow eagerly (what Node runs) and the whole TL schema. `browser.ts` is the
 * same API for a page: the QR, passkey and token-login flows stay out of it and load when chosen
 * (auth/flow-modules.ts), and the TL registry keeps only what the engine uses (issue 26).
 */
import { registerFullSchema } from '../tl/index.js';
import { provideFlowModules } from './auth/index.js';
import * as passkeyLogin from './passkey-login/index.js';
import * as qrLogin from './qr-login/index.js';
import * as tokenLogin from './token-login/index.js';

export * from './engine/index.js';
export * from './auth/index.js';
export * from './session/index.js';
export * from './phone-login/index.js';
export * from './password/index.js';
export * from './qr-login/index.js';
export * from './token-login/index.js';
export * from './passkey-login/index.js';
export * from './firebase-pnv-login/index.js';
export * from './flow-kit/index.js';
export * from './dc-link/index.js';
export * from './dc-key/index.js';
export * from './core/index.js';
// The side tables of the flows loaded on demand (their doors leave them out, see auth/flow-modules.ts).
export * from './qr-login/descriptions.js';
export * from './token-login/bot-login.descriptions.js';
export * from './token-login/web-token-login.descriptions.js';
export * from './passkey-login/descriptions.js';

provideFlowModules({ qrLogin, passkeyLogin, tokenLogin });
// Node reads and writes the whole TL schema; a page carries what the engine sends and receives (issue 26).
registerFullSchema();
