/**
 * rxjs catchError for Observable sources only: rxjs's own operator (like switchMap and defer) also
 * accepts promises and async iterables, which brings its innerFrom and tslib's async helpers into
 * the browser's first chunk (issue 26).
 */
import { Observable, type Subscription } from 'rxjs';

/** `source`, and when it fails, what `recover` returns for the error (rxjs catchError for Observables only). */
export function afterError<T>(source: Observable<T>, recover: (error: unknown) => Observable<T>): Observable<T> {
  return new Observable<T>((subscriber) => {
    let recovered: Subscription | undefined;
    const first = source.subscribe({
      next: (value) => subscriber.next(value),
      complete: () => subscriber.complete(),
      error: (error: unknown) => {
        recovered = recover(error).subscribe(subscriber);
      },
    });
    return () => {
      first.unsubscribe();
      recovered?.unsubscribe();
    };
  });
}
