/**
 * Context for one engine: `AuthEngineProvider` at the top of a login screen tree, `useAuthEngine()`
 * (and the hooks taking no engine) below it. Written with `createElement` so no JSX setup is needed.
 */
import { createContext, createElement, useContext, type ReactNode } from 'react';
import type { AuthEngine, AuthView } from '../../machines/index.js';
import { UiAdapterError } from '../rx/index.js';
import { useAuth, useAuthSelector } from './use-auth.js';

const AuthEngineContext = createContext<AuthEngine | null>(null);
AuthEngineContext.displayName = 'AuthEngine';

/** Props of `AuthEngineProvider`. The engine is created (and stopped) by the caller, outside React. */
export interface AuthEngineProviderProps {
  readonly engine: AuthEngine;
  readonly children?: ReactNode;
}

/** Makes `engine` available to `useAuthEngine()` below it. */
export function AuthEngineProvider({ engine, children }: AuthEngineProviderProps): ReactNode {
  return createElement(AuthEngineContext.Provider, { value: engine }, children);
}

/** The engine of the nearest `AuthEngineProvider`; throws `UiAdapterError('no-engine')` outside one. */
export function useAuthEngine(): AuthEngine {
  const engine = useContext(AuthEngineContext);
  if (engine === null)
    throw new UiAdapterError('no-engine', 'useAuthEngine() must be called below an <AuthEngineProvider>');
  return engine;
}

/** `useAuth` for the provided engine. */
export function useAuthView(): AuthView {
  return useAuth(useAuthEngine());
}

/** `useAuthSelector` for the provided engine. */
export function useAuthViewSelector<T>(
  selector: (view: AuthView) => T,
  compare?: (previous: T, next: T) => boolean,
): T {
  return useAuthSelector(useAuthEngine(), selector, compare);
}
