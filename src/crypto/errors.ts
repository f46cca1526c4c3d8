/**
 * The error hierarchy of tgauth: one base class, one subclass per layer, typed fields,
 * wrapped with `{ cause }`. Library code never throws a bare `Error`.
 */

/** Base class of every error tgauth throws. */
export class TgauthError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * A failed security check (core.telegram.org/mtproto/security_guidelines). Fatal: never retried with the same peer data.
 * `check` names the check, e.g. `'dh.gA.range'`, `'handshake.nonce'`, `'srp.gB.range'`.
 */
export class SecurityError extends TgauthError {
  readonly check: string;
  constructor(check: string, message = `security check failed: ${check}`, options?: { cause?: unknown }) {
    super(message, options);
    this.check = check;
  }
}

/** Bad input to a crypto function (wrong key length, data not a multiple of the block size, …). */
export class CryptoInputError extends TgauthError {}
