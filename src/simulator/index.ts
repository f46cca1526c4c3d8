/** simulator/: a local multi-DC Telegram. The only public surface of the layer. */
export * from './errors.js';
export * from './state/accounts.js';
export * from './state/auth-keys.js';
export * from './state/inbox.js';
export * from './state/records.js';
export * from './state/sim-clock.js';
export * from './state/sim-state.js';
export * from './state/password-setup.js';
export type { Call, CallContext, MethodResult, MethodSpec, TlValue } from './methods/context.js';
export { dispatch, methods } from './methods/dispatch.js';
export { base64url, PASSKEY_RP_ID } from './methods/passkey.js';
export * from './cluster/simulator.js';
export * from './cluster/faults.js';
export type { KeyInfo, SessionInfo } from './cluster/listings.js';
export { fingerprintHex, rsaPublicKeyPem } from './cluster/rsa-public-pem.js';
export { parseQrToken } from './cluster/qr-approval.js';
export { handleControlRequest, type ControlResponse } from './control/control-router.js';
export { toJson } from './control/json.js';
