/**
 * Svelte stores over an engine. The store contract (svelte.dev/docs/svelte-store): `subscribe(run)`
 * calls `run` synchronously with the current value and returns an unsubscriber. A raw XState actor
 * breaks it (no call on subscribe, so `get(actor)` is undefined, stately.ai/docs/xstate-react); these do not.
 * No runtime import of svelte: the contract is structural, so Svelte 3, 4 and 5 all accept them.
 */
import type { AuthStatus, AuthView } from '../../machines/index.js';
import { selectView, views$, type ViewOf, type ViewSource } from '../rx/index.js';
import type { Observable } from 'rxjs';

/** Svelte's `Readable` contract, spelled out so the adapter needs no svelte import. */
export interface Readable<T> {
  subscribe(run: (value: T) => void, invalidate?: () => void): () => void;
}

function readableOf<T>(source$: Observable<T>): Readable<T> {
  return {
    subscribe(run) {
      const subscription = source$.subscribe(run);
      return () => subscription.unsubscribe();
    },
  };
}

/** The engine's view as a Svelte store: `$auth.status`, `get(auth)`, `derived(auth, …)`. */
export function authStore(engine: ViewSource): Readable<AuthView> {
  return readableOf(views$(engine));
}

/**
 * A slice of the view as a store that only notifies when `compare` (default `Object.is`) says it
 * changed. Svelte's own `derived` re-notifies for every new object, so prefer this for objects.
 */
export function selectStore<T>(
  engine: ViewSource,
  selector: (view: AuthView) => T,
  compare?: (previous: T, next: T) => boolean,
): Readable<T> {
  return readableOf(selectView(engine, selector, compare));
}

/** The status alone, as a store. */
export function statusStore(engine: ViewSource): Readable<AuthStatus> {
  return selectStore(engine, (view) => view.status);
}

/** The view while in `status`, else `undefined`: `{#if $code}…{$code.resendInSeconds}…{/if}`. */
export function viewInStore<S extends AuthStatus>(
  engine: ViewSource,
  status: S,
): Readable<ViewOf<S> | undefined> {
  return selectStore(engine, (view) => (view.status === status ? (view as ViewOf<S>) : undefined));
}
