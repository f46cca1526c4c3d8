/**
 * `Sealed<T>`: key material (a handshake in progress, an auth key) kept in machine context
 * without ever being printed. Like `Secret` for strings: JSON, string conversion and Node's
 * inspector show `[sealed]`, so snapshots and inspection events carry no key bytes.
 */
import { AuthEngineError } from '../errors.js';

const REDACTED = '[sealed]';

/** An opaque holder for a value that must not be serialized. */
export class Sealed<T> {
  #value: T | undefined;

  constructor(value: T) {
    this.#value = value;
  }

  /** The value; throws `AuthEngineError('sealed.dropped')` once dropped. */
  open(): T {
    if (this.#value === undefined) throw new AuthEngineError('sealed.dropped', 'sealed value already dropped');
    return this.#value;
  }

  /** Forgets the value (the caller zeroizes the bytes it owns). */
  drop(): void {
    this.#value = undefined;
  }

  toJSON(): string {
    return REDACTED;
  }

  toString(): string {
    return REDACTED;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return REDACTED;
  }
}

/** Wraps `value` as `Sealed<T>`. */
export function sealed<T>(value: T): Sealed<T> {
  return new Sealed(value);
}
