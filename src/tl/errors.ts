/** Errors of the TL layer: decoding untrusted bytes and encoding malformed objects. */
import { TgauthError } from '../crypto/index.js';

/**
 * Bytes that are not a valid TL value for the expected type. The only error the decoder throws.
 * `constructorId` is the constructor being decoded (or the unknown ID that was met), `offset` the byte
 * offset in the buffer being read where decoding failed, `expected` what the decoder wanted there.
 */
export class TlDecodeError extends TgauthError {
  readonly constructorId: number | undefined;
  readonly offset: number;
  readonly expected: string;
  constructor(expected: string, offset: number, constructorId?: number, options?: { cause?: unknown }) {
    const id = constructorId === undefined ? '' : ` in #${constructorId.toString(16).padStart(8, '0')}`;
    super(`TL decode failed at offset ${offset}${id}: expected ${expected}`, options);
    this.expected = expected;
    this.offset = offset;
    this.constructorId = constructorId;
  }
}

/** An object that cannot be serialized: unknown `_`, a missing required field, a value out of range. */
export class TlEncodeError extends TgauthError {
  /** Dotted path to the offending field, e.g. `'auth.sendCode.settings.token'`. */
  readonly path: string;
  constructor(path: string, message: string) {
    super(`TL encode failed at ${path}: ${message}`);
    this.path = path;
  }
}
