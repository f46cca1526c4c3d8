/** Types shared by the server session handler and its dispatcher. */
import type { CryptoProvider, Random } from '../../crypto/index.js';
import type { Clock } from '../clock.js';
import type { RpcError } from '../errors.js';
import type { SessionKey } from './message-crypto.js';
import type { ServerSalts } from './server-salts.js';
import type { ServerSession } from './server-session.js';
import type { SessionCodec, TlLike } from './session-codec.js';
import type { SessionMetrics } from './session-metrics.js';

/** What the server keeps per auth key: salts, layer and initConnection info, sessions. */
export interface ServerKeyState {
  readonly authKeyId: bigint;
  readonly key: SessionKey;
  readonly salts: ServerSalts;
  /** From invokeWithLayer, once the client sent it. */
  layer: number | undefined;
  /** The initConnection object (api_id, device, app version...), once sent. */
  initConnection: TlLike | undefined;
  readonly sessions: Map<bigint, ServerSession>;
}

/** Passed to `handle` with each request. */
export interface ServerRequestContext {
  readonly keyState: ServerKeyState;
  readonly session: ServerSession;
  readonly msgId: bigint;
}

/**
 * What `handle` may answer: a TL object, a bare result (boolean for Bool, an array for Vector<T>,
 * serialized with the method's declared type), pre-serialized result bytes, or an error.
 */
export type ServerAnswer = TlLike | boolean | readonly unknown[] | Uint8Array | RpcError;

export interface ServerSessionOptions {
  /** The 256-byte auth key for an auth_key_id (as a signed little-endian long), or undefined. */
  lookupKey(authKeyId: bigint): { key: Uint8Array; serverSalt?: bigint } | undefined;
  /** Runs one API request (wrappers already removed). Throwing an RpcError answers with it. */
  handle(request: TlLike, ctx: ServerRequestContext): Promise<ServerAnswer>;
  clock: Clock;
  random: Random;
  crypto: CryptoProvider;
  codec: SessionCodec;
  /** Told of every bad_msg_notification and bad_server_salt the server sends (tests, the console). */
  onNotice?: (notice: ServerNotice) => void;
}

/**
 * One bad_msg_notification (or bad_server_salt, error 48) the server sent: which message it was
 * about and the constructor that message carried, so a caller can tell a client's protocol slip
 * (an acknowledgement marked content-related: 34) from a clock or salt correction (16/17/48).
 */
export interface ServerNotice {
  readonly authKeyId: bigint;
  readonly sessionId: bigint;
  readonly errorCode: number;
  readonly badMsgId: bigint;
  readonly badMsgSeqno: number;
  /** The first 4 bytes of the message's body (`msg_container`, `msgs_ack`, a method...). */
  readonly constructorId: number;
}

/** What the dispatcher needs from the handler. */
export interface DispatchHost {
  readonly options: ServerSessionOptions;
  readonly metrics: SessionMetrics;
  /** Server time in seconds. */
  now(): number;
}
