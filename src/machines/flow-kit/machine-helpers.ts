/** Small helpers shared by the machines' `setup()` blocks. */
import { AuthEngineError, Secret } from '../core/index.js';
import { COMMAND_TYPES } from './commands.js';

/** A stub actor body: rejects until the real actor is `provide`d (so a forgotten one shows as an error state). */
export function notProvided(name: string): () => Promise<never> {
  return () => Promise.reject(new AuthEngineError('actor.notProvided', `actor "${name}" not provided`));
}

/**
 * The `error` of an `xstate.error.actor.*` event. Named guards and actions in `setup()` are typed
 * with the machine's own events only, so done/error payloads are read through these two helpers.
 */
export function errorOf(event: unknown): unknown {
  return (event as { error?: unknown }).error;
}

/** The `output` of an `xstate.done.actor.*` event (see `errorOf`). */
export function outputOf<T>(event: unknown): T {
  return (event as { output: T }).output;
}

/** True for UI commands (not XState's internal `xstate.*` events). */
export function isCommandEvent(event: { type: string }): boolean {
  return COMMAND_TYPES.has(event.type);
}

/**
 * The text a sealed command field holds, or undefined when it holds none (not a `Secret`, already
 * used, or not a string): guards read secrets through this so that odd input makes them false, never throw.
 */
export function secretText(value: unknown): string | undefined {
  if (!(value instanceof Secret) || value.wiped) return undefined;
  const text: unknown = value.reveal();
  return typeof text === 'string' ? text : undefined;
}
