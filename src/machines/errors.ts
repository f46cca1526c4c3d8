/** Errors of the machines layer. */
import { TgauthError } from '../crypto/index.js';

/**
 * An engine-level failure that is not an RPC answer: `code` names it, e.g. `'secret.used'`
 * (a one-shot secret was read twice), `'session.corrupt'`, `'rpc.empty'`, `'rpc.aborted'`.
 */
export class AuthEngineError extends TgauthError {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
