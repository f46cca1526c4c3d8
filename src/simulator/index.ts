/** simulator/: a local multi-DC Telegram. The only public surface of the layer. */
export * from './errors.js';
export * from './state/accounts.js';
export * from './state/auth-keys.js';
export * from './state/inbox.js';
export * from './state/records.js';
export * from './state/sim-clock.js';
export * from './state/sim-state.js';
export * from './state/password-setup.js';
export * from './state/firebase-pnv-issuer.js';
export type { Call, CallContext, MethodResult, MethodSpec, TlValue } from './methods/context.js';
export { dispatch, methods } from './methods/dispatch.js';
export { base64url, PASSKEY_RP_ID } from './methods/passkey.js';
export { digitalCredentialPayloadOf } from './methods/firebase-pnv.js';
export * from './cluster/simulator.js';
export * from './cluster/faults.js';
export type { KeyInfo, SessionInfo } from './cluster/listings.js';
export { fingerprintHex, rsaPublicKeyPem } from './cluster/rsa-public-pem.js';
export { parseQrToken } from './cluster/qr-approval.js';
export { handleControlRequest, type ControlResponse } from './control/control-router.js';
export { toJson } from './control/json.js';
export * from './state/rpc-log.js';
export {
  listQrTokens,
  listAuthorizations,
  resetAuthorizations,
  deleteAccount,
  summarizeDcs,
  type QrTokenInfo,
  type AuthorizationInfo,
  type DcSummary,
} from './cluster/console-views.js';
export { checkAccess, isLoopbackHost, type AccessPolicy, type AccessRequest, type AccessDenied } from './control/access.js';
export { consoleAsset, CONSOLE_CSP, type ConsoleAsset } from './control/console/console-assets.js';
export { nextFeedBatch, FEED_BATCH, type FeedCursor } from './control/console/console-feed.js';
