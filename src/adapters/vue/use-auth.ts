/**
 * Vue composables over an engine: a `shallowRef` kept in sync with the engine's views (the view is
 * immutable data replaced wholesale, so deep reactivity would only cost), unsubscribed when the
 * calling effect scope (component setup, `effectScope().run`) is disposed.
 */
import {
  getCurrentScope,
  inject,
  onScopeDispose,
  provide,
  shallowReadonly,
  shallowRef,
  type InjectionKey,
  type ShallowRef,
} from 'vue';
import type { AuthEngine, AuthView } from '../../machines/index.js';
import { selectView, UiAdapterError, views$, type ViewSource } from '../rx/index.js';
import type { Observable } from 'rxjs';

function refOf<T>(initial: T, source$: Observable<T>): Readonly<ShallowRef<T>> {
  const ref = shallowRef(initial);
  const subscription = source$.subscribe((value) => {
    ref.value = value;
  });
  // Outside a scope nothing can dispose us: the subscription then ends when the engine stops.
  if (getCurrentScope()) onScopeDispose(() => subscription.unsubscribe());
  return shallowReadonly(ref) as Readonly<ShallowRef<T>>;
}

/** The engine's current view as a read-only shallow ref, updated on every visible change. */
export function useAuth(engine: ViewSource): Readonly<ShallowRef<AuthView>> {
  return refOf(engine.getSnapshot(), views$(engine));
}

/** A slice of the view as a read-only ref; it changes only when `compare` (default `Object.is`) says so. */
export function useAuthSelector<T>(
  engine: ViewSource,
  selector: (view: AuthView) => T,
  compare?: (previous: T, next: T) => boolean,
): Readonly<ShallowRef<T>> {
  return refOf(selector(engine.getSnapshot()), selectView(engine, selector, compare));
}

/** The injection key `provideAuthEngine` uses. */
export const authEngineKey: InjectionKey<AuthEngine> = Symbol('tgauth.engine');

/** Makes `engine` available to `injectAuthEngine()` in descendants (call in a component's setup or `app.runWithContext`). */
export function provideAuthEngine(engine: AuthEngine): void {
  provide(authEngineKey, engine);
}

/** The provided engine; throws `UiAdapterError('no-engine')` when no ancestor provided one. */
export function injectAuthEngine(): AuthEngine {
  const engine = inject(authEngineKey, null);
  if (engine === null)
    throw new UiAdapterError(
      'no-engine',
      'injectAuthEngine() needs provideAuthEngine(engine) in an ancestor',
    );
  return engine;
}
