/** Props shared by the screens: the engine to send commands to and the view narrowed to the screen's status. */
import type { AuthEngine, AuthView } from '../tgauth.js';

/** The view of one status. */
export type ViewOf<S extends AuthView['status']> = Extract<AuthView, { status: S }>;

/** What every screen gets. */
export interface ScreenProps<S extends AuthView['status']> {
  engine: AuthEngine;
  view: ViewOf<S>;
}

/** The trimmed text of a form field. */
export function field(form: HTMLFormElement, name: string): string {
  const value = new FormData(form).get(name);
  return typeof value === 'string' ? value.trim() : '';
}
