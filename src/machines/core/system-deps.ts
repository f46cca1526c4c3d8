/**
 * Dependencies of actor implementations, given either as a plain object or looked up through the
 * actor system an actor runs in. The engine provides each machine ONCE per process with actors that
 * look their engine's ports up by system (every actor of one engine shares its root's system), so
 * an engine costs its actors and snapshots, not a copy of every machine's StateNode tree (`provide`
 * builds a new tree each time: tens of KB per machine, issue 11).
 */
import type { ActorSystem } from 'xstate';
import { AuthEngineError } from './errors.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- XState's own AnyActorSystem, which it does not export
export type AnyActorSystem = ActorSystem<any>;

/** Resolves the dependencies of the actor system an actor runs in. */
export type DepsResolver<D> = (system: AnyActorSystem) => D;

/** Fixed dependencies (tests, hosts that provide a machine themselves) or a per-system resolver. */
export type DepsSource<D extends object> = D | DepsResolver<D>;

/** A resolver for `source` (a fixed object resolves to itself for every system). */
export function resolverOf<D extends object>(source: DepsSource<D>): DepsResolver<D> {
  return typeof source === 'function' ? source : () => source;
}

/** A table of dependencies per actor system: `bind` before starting the root actor, `of` inside actors. */
export interface SystemDeps<D extends object> {
  bind(system: AnyActorSystem, deps: D): void;
  of: DepsResolver<D>;
}

/** A new table; `what` names it in the error a system without dependencies raises. */
export function systemDeps<D extends object>(what: string): SystemDeps<D> {
  const bySystem = new WeakMap<AnyActorSystem, D>();
  return {
    bind: (system, deps) => void bySystem.set(system, deps),
    of(system) {
      const deps = bySystem.get(system);
      if (!deps) throw new AuthEngineError('actor.notProvided', `no ${what} bound to this actor system`);
      return deps;
    },
  };
}

/**
 * One value per process, made on first use (machines provided with system-resolved actors: made
 * lazily so importing the layer costs nothing).
 */
export function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
