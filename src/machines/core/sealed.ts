/**
 * `Sealed<T>`: a value kept in machine context without ever being printed (key material, and —
 * through its subclass `Secret` — what the user typed). JSON, string conversion and Node's
 * inspector show only a label, so snapshots and inspection events carry nothing secret.
 */
import { AuthEngineError } from './errors.js';

/** An opaque holder for a value that must not be serialized. */
export class Sealed<T> {
  #value: T | undefined;
  readonly #label: string;
  readonly #dropped: () => AuthEngineError;

  constructor(
    value: T,
    label = '[sealed]',
    dropped = () => new AuthEngineError('sealed.dropped', 'sealed value already dropped'),
  ) {
    this.#value = value;
    this.#label = label;
    this.#dropped = dropped;
  }

  /** The value; throws (`sealed.dropped`, or the subclass's code) once dropped. */
  open(): T {
    if (this.#value === undefined) throw this.#dropped();
    return this.#value;
  }

  /** Forgets the value (the caller zeroizes the bytes it owns). */
  drop(): void {
    this.#value = undefined;
  }

  /** True once the value was dropped. */
  get dropped(): boolean {
    return this.#value === undefined;
  }

  toJSON(): string {
    return this.#label;
  }

  toString(): string {
    return this.#label;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.#label;
  }
}

/** Wraps `value` as `Sealed<T>`. */
export function sealed<T>(value: T): Sealed<T> {
  return new Sealed(value);
}
