/**
 * `ViewSource`: the part of an `AuthEngine` the UI adapters need. Taking this instead of the whole
 * engine keeps the adapters usable with anything store-like (a test double, a remote mirror).
 */
import { concat, defer, Observable, of } from 'rxjs';
import type { AuthEngine, AuthView } from '../../machines/index.js';

/** What every UI adapter reads: the current view and the stream of views. */
export type ViewSource = Pick<AuthEngine, 'getSnapshot' | 'state$'>;

/**
 * The current view first, then every change — also after the engine stopped: `state$` then only
 * completes, and a late subscriber (a component mounted after `stop()`) still needs a first value.
 */
export function views$(source: ViewSource): Observable<AuthView> {
  return defer(() => {
    let emitted = false;
    const live$ = new Observable<AuthView>((subscriber) =>
      source.state$.subscribe({
        next: (view) => {
          emitted = true;
          subscriber.next(view);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      }),
    );
    // state$ replays synchronously while the engine runs; only a stopped engine yields nothing.
    return concat(
      live$,
      defer(() => (emitted ? [] : of(source.getSnapshot()))),
    );
  });
}
