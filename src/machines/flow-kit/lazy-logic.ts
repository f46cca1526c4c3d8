/**
 * Actor logic whose code arrives later: a flow that a browser build loads on demand (issue 26).
 *
 * XState creates an invoked child synchronously (`getInitialSnapshot` runs while the parent enters
 * the state), so the parent first waits in a loading state for {@link LazyModule.load}, and only
 * then enters the state that invokes the {@link lazyLogic}; by then its logic resolves at once.
 * Where the module was linked eagerly (Node), {@link LazyModule.loaded} is set from the start and
 * the loading state is passed through without a step.
 */
import type { AnyActorLogic } from 'xstate';
import { AuthEngineError } from '../core/index.js';

/** A module fetched by `import()` once, kept, and fetched again after a failure. */
export interface LazyModule<M> {
  /** The module once it has loaded (or was linked eagerly), else undefined. */
  readonly loaded: M | undefined;
  /** Loads the module; a failed load is forgotten so that the next call tries again. */
  load(): Promise<M>;
  /** Sets the module that the build linked statically: no load ever happens. */
  provide(module: M): void;
}

/** A {@link LazyModule} over `importer` (a function that calls `import()`). */
export function lazyModule<M>(importer: () => Promise<M>): LazyModule<M> {
  let pending: Promise<M> | undefined;
  const self = {
    loaded: undefined as M | undefined,
    load(): Promise<M> {
      if (self.loaded) return Promise.resolve(self.loaded);
      pending ??= importer().then(
        (module) => (self.loaded = module),
        (error: unknown) => {
          pending = undefined;
          throw new AuthEngineError(
            'FLOW_LOAD_FAILED',
            'The code of this login method could not be loaded; try again',
            { cause: error },
          );
        },
      );
      return pending;
    },
    provide(module: M): void {
      self.loaded = module;
    },
  };
  return self;
}

/**
 * Logic that behaves as the logic `resolve` returns; `resolve` runs at the first use and its
 * result is kept. Using it before its module loaded is a bug in the machine (no loading state),
 * reported as `AuthEngineError('flow.notLoaded')`.
 */
export function lazyLogic<L extends AnyActorLogic>(name: string, resolve: () => L | undefined): L {
  let logic: L | undefined;
  const real = (): L => {
    logic ??= resolve();
    if (!logic) throw new AuthEngineError('flow.notLoaded', `${name} was started before its code loaded`);
    return logic;
  };
  const delegate: AnyActorLogic = {
    transition: (snapshot, event, scope) => real().transition(snapshot, event, scope),
    getInitialSnapshot: (scope, input) => real().getInitialSnapshot(scope, input),
    getPersistedSnapshot: (snapshot, options) => real().getPersistedSnapshot(snapshot, options),
    restoreSnapshot: (snapshot, scope) => {
      const l = real();
      return l.restoreSnapshot ? l.restoreSnapshot(snapshot, scope) : snapshot;
    },
    start: (snapshot, scope) => real().start?.(snapshot, scope),
  };
  return delegate as L;
}
