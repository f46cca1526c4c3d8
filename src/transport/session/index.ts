/** The encrypted session (MTProto 2.0), client and server halves, sans-IO. */
export * from './message-crypto.js';
export * from './msg-id.js';
export * from './seq-no.js';
export * from './recent-msg-ids.js';
export * from './container.js';
export * from './rpc-result.js';
export * from './session-codec.js';
export * from './session-metrics.js';
export * from './init-connection.js';
export { ClientSession, type ClientEvent, type ClientSessionOptions } from './client-session.js';
export * from './server-salts.js';
export { ServerSession, type OutgoingBody, type SessionWriter } from './server-session.js';
export * from './server-session-handler.js';
export * from './resend-answers.js';
export * from './server-answers.js';
export { msgState } from './server-dispatch.js';
export * from './hold-for-record.js';
export * from './answer-recovery.js';
