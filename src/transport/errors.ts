/** Errors of the transport layer: transport codes and RPC errors. */
import { TgauthError } from '../crypto/index.js';

/**
 * A transport-level error: the peer sent a 4-byte packet holding `-code` (core.telegram.org/mtproto/mtproto-transports "Transport errors"),
 * e.g. -404 (auth key not found), -429 (transport flood), -444 (invalid DC); or a framing failure.
 */
export class TransportError extends TgauthError {
  readonly code: number;
  constructor(code: number, message = `transport error ${code}`, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * An `rpc_error` answer. `type` is the error name with a trailing number replaced by `X`
 * (`FLOOD_WAIT_30` -> `FLOOD_WAIT_X`, `argument` 30; `PHONE_MIGRATE_2` -> `PHONE_MIGRATE_X`, 2).
 */
export class RpcError extends TgauthError {
  readonly code: number;
  readonly type: string;
  readonly argument: number | undefined;
  /** The error text exactly as the server sent it. */
  readonly text: string;

  constructor(code: number, text: string, options?: { cause?: unknown; method?: string }) {
    super(`${code} ${text}${options?.method ? ` (${options.method})` : ''}`, options);
    this.code = code;
    this.text = text;
    const m = /^(.*?)_(\d+)$/.exec(text);
    if (m && !/^\d+$/.test(text)) {
      this.type = `${m[1]}_X`;
      this.argument = Number(m[2]);
    } else {
      this.type = text;
      this.argument = undefined;
    }
  }

  /** True when this is `type` (e.g. `'SESSION_PASSWORD_NEEDED'`, `'FLOOD_WAIT_X'`). */
  is(type: string): boolean {
    return this.type === type;
  }
}

/**
 * The peer stayed silent past a deadline: a handshake step, a ping, or calls pending with nothing
 * received (a half-open connection). Code -1100: local, never sent by a server.
 */
export class SilenceError extends TransportError {
  constructor(message = 'the server stayed silent', options?: { cause?: unknown }) {
    super(-1100, message, options);
  }
}

/** Why a DC could not be used: nothing answered, a security check failed, or it went silent. */
export type DcUnavailableReason = 'unreachable' | 'securityCheck' | 'timeout';

/**
 * Several connection attempts in a row to DC `dcId` failed before any could carry a call (code
 * -1101, local). Reconnecting goes on with backoff; calls waiting then fail with this so a caller
 * sees why, instead of waiting for good. `check` names the failed security check, if that was why.
 */
export class DcUnavailableError extends TransportError {
  constructor(
    readonly dcId: number,
    readonly reason: DcUnavailableReason,
    readonly check: string | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(-1101, message, options);
  }
}
