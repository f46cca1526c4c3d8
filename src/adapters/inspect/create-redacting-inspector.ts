/**
 * `createRedactingInspector`: what a user passes as the engine's `inspect` option. Every inspection
 * event is redacted before the wrapped observer (a recorder, @statelyai/inspect's
 * `inspector.inspect`, a logger) sees it.
 */
import type { InspectionEvent, Observer } from 'xstate';
import { InspectionRedactor } from './redact-inspection-event.js';
import type { RedactionOptions } from './redaction-rules.js';

/** An inspection observer: a function, or an object with `next` (e.g. `createBrowserInspector().inspect`). */
export type InspectionObserver = ((event: InspectionEvent) => void) | Partial<Observer<InspectionEvent>>;

/** A redacting wrapper around an inspection observer. */
export interface RedactingInspector {
  /** Pass this as `createAuthEngine({ inspect })` (or XState's `createActor(m, { inspect })`). */
  readonly inspect: (event: InspectionEvent) => void;
  /** Also redact `value` wherever it appears from now on (e.g. a phone number you treat as private). */
  addSecret(value: string): void;
}

/** Wraps `observer` so that it only ever receives redacted inspection events. */
export function createRedactingInspector(
  observer: InspectionObserver,
  options?: RedactionOptions,
): RedactingInspector {
  const redactor = new InspectionRedactor(options);
  const next = typeof observer === 'function' ? observer : (event: InspectionEvent) => observer.next?.(event);
  return {
    inspect: (event) => next(redactor.redact(event)),
    addSecret: (value) => redactor.rules.addSecret(value),
  };
}
