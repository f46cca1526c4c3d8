/**
 * A secret the user typed (login code, password, recovery code). The value lives in a private
 * field: JSON, string conversion and Node's inspector all print `[secret]`, so a persisted
 * snapshot or an inspection event never carries it. Actors read it once and wipe it.
 */
import { AuthEngineError } from './errors.js';

const REDACTED = '[secret]';

/** An opaque holder for one secret string. */
export class Secret {
  #value: string | undefined;

  constructor(value: string) {
    this.#value = value;
  }

  /** The value; throws `AuthEngineError('secret.used')` once wiped. */
  reveal(): string {
    if (this.#value === undefined) throw new AuthEngineError('secret.used', 'secret already used and wiped');
    return this.#value;
  }

  /** Returns the value and wipes it: the normal way an actor consumes a secret. */
  take(): string {
    const v = this.reveal();
    this.wipe();
    return v;
  }

  /** Drops the value (strings are immutable in JS, so dropping the reference is all we can do). */
  wipe(): void {
    this.#value = undefined;
  }

  get wiped(): boolean {
    return this.#value === undefined;
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

/** Wraps a string as a `Secret`. */
export function secret(value: string): Secret {
  return new Secret(value);
}
