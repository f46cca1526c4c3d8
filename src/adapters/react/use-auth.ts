/**
 * React hooks over an engine, built on `useSyncExternalStore`: the engine's `getSnapshot()` is a
 * cached view that keeps its identity until something visible changes, which is exactly what
 * the hook needs to avoid tearing and needless renders.
 */
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { AuthView } from '../../machines/index.js';
import { views$, type ViewSource } from '../rx/index.js';

function useSubscribe(engine: ViewSource): (onChange: () => void) => () => void {
  return useCallback(
    (onChange: () => void) => {
      // React re-reads getSnapshot() after each call, so the value itself is not needed here.
      const subscription = views$(engine).subscribe({ next: onChange, error: onChange });
      return () => subscription.unsubscribe();
    },
    [engine],
  );
}

/** The engine's current view; the component re-renders when it visibly changes. */
export function useAuth(engine: ViewSource): AuthView {
  const subscribe = useSubscribe(engine);
  const getSnapshot = useCallback(() => engine.getSnapshot(), [engine]);
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

/**
 * A slice of the view; the component re-renders only when `compare` (default `Object.is`) says
 * the slice changed. Pass `shallowEqual` from the rx adapter for selectors that build objects.
 */
export function useAuthSelector<T>(
  engine: ViewSource,
  selector: (view: AuthView) => T,
  compare: (previous: T, next: T) => boolean = Object.is,
): T {
  const subscribe = useSubscribe(engine);
  // Memoized per (engine, selector, compare), like use-sync-external-store/with-selector: the same
  // view gives the same selection, and an equal selection keeps its old identity.
  const getSelection = useMemo(() => {
    let last: { view: AuthView; selection: T } | undefined;
    return (): T => {
      const view = engine.getSnapshot();
      if (last?.view === view) return last.selection;
      const next = selector(view);
      const selection = last !== undefined && compare(last.selection, next) ? last.selection : next;
      last = { view, selection };
      return selection;
    };
  }, [engine, selector, compare]);
  return useSyncExternalStore(subscribe, getSelection, getSelection);
}
