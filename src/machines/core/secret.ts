/**
 * A secret the user typed (login code, password, recovery code): a `Sealed<string>` that prints as
 * `[secret]`, so a persisted snapshot or an inspection event never carries it. Actors read it once
 * and wipe it.
 */
import { AuthEngineError } from './errors.js';
import { Sealed } from './sealed.js';

/** An opaque holder for one secret string. */
export class Secret extends Sealed<string> {
  constructor(value: string) {
    super(value, '[secret]', () => new AuthEngineError('secret.used', 'secret already used and wiped'));
  }

  /** The value; throws `AuthEngineError('secret.used')` once wiped. */
  reveal(): string {
    return this.open();
  }

  /** Returns the value and wipes it: the normal way an actor consumes a secret. */
  take(): string {
    const v = this.open();
    this.drop();
    return v;
  }

  /** Drops the value (strings are immutable in JS, so dropping the reference is all we can do). */
  wipe(): void {
    this.drop();
  }

  get wiped(): boolean {
    return this.dropped;
  }
}

/** Wraps a string as a `Secret`. */
export function secret(value: string): Secret {
  return new Secret(value);
}
