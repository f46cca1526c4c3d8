/**
 * RxJS helpers over an engine's views: a selector with de-duplication, and status-narrowed streams.
 * Engine observers fire after every processed event, even when nothing visible changed, and a
 * selector that builds objects never returns the same one twice: hence `distinctUntilChanged`
 * with a caller-chosen comparison (stately.ai/docs/observable-actors).
 */
import { distinctUntilChanged, filter, firstValueFrom, map, type Observable } from 'rxjs';
import type { AuthError, AuthStatus, AuthView } from '../../machines/index.js';
import { views$, type ViewSource } from './view-source.js';

/** A view narrowed to one `status`. */
export type ViewOf<S extends AuthStatus> = Extract<AuthView, { status: S }>;

/**
 * `selector(view)` for the current view and every change, emitted only when `compare` says the
 * selection changed (default `Object.is`; pass `shallowEqual` for selectors that build objects).
 */
export function selectView<T>(
  engine: ViewSource,
  selector: (view: AuthView) => T,
  compare: (previous: T, next: T) => boolean = Object.is,
): Observable<T> {
  return views$(engine).pipe(map(selector), distinctUntilChanged(compare));
}

/** The status alone: one emission per screen change. */
export function status$(engine: ViewSource): Observable<AuthStatus> {
  return selectView(engine, (view) => view.status);
}

/** Whether a request is in flight for the current screen (disable the form while true). */
export function busy$(engine: ViewSource): Observable<boolean> {
  return selectView(engine, (view) => view.busy);
}

/** The current screen's error, `undefined` when there is none; a new error object emits again. */
export function error$(engine: ViewSource): Observable<AuthError | undefined> {
  return selectView(engine, (view) => view.error);
}

/** The views while the engine is in `status`, typed as that variant (e.g. the `waitCode` countdown). */
export function viewIn$<S extends AuthStatus>(engine: ViewSource, status: S): Observable<ViewOf<S>> {
  return views$(engine).pipe(filter((view): view is ViewOf<S> => view.status === status));
}

/**
 * Resolves with the first view in `status` (the current one if it already is). Rejects with
 * rxjs' `EmptyError` if the engine stops first.
 */
export function whenStatus<S extends AuthStatus>(engine: ViewSource, status: S): Promise<ViewOf<S>> {
  return firstValueFrom(viewIn$(engine, status));
}
