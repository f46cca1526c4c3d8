/** Errors of the machines layer. */
import { TgauthError } from '../../crypto/index.js';

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

/**
 * `engine.send` refused a malformed command (code `'command.invalid'`): not an object, an unknown
 * `type`, or a field missing or of the wrong type. Thrown synchronously; nothing reached the
 * machines. The message names the command and field, never the value (it may be a secret).
 */
export class AuthCommandError extends AuthEngineError {
  /** The command's `type` when it was a string, else undefined. */
  readonly command: string | undefined;
  /** The offending field (`'type'` for an unknown or missing type), undefined when not an object. */
  readonly field: string | undefined;
  constructor(command: string | undefined, field: string | undefined, message: string) {
    super('command.invalid', message);
    this.command = command;
    this.field = field;
  }
}
