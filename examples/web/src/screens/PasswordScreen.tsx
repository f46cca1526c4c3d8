/** `waitPassword`: the 2FA password (checked by SRP, never sent), with recovery by e-mail. */
import type { FormEvent } from 'react';
import type { ScreenProps } from './screen-props.js';

export function PasswordScreen({ engine, view }: ScreenProps<'waitPassword'>) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const password = new FormData(event.currentTarget).get('password');
    // Not trimmed: spaces may be part of a password.
    engine.send({ type: 'password.submit', password: typeof password === 'string' ? password : '' });
  };
  return (
    <form onSubmit={submit} data-testid="password-form">
      <p>This account is protected by a password{view.hint ? ` (hint: ${view.hint})` : ''}.</p>
      <label>
        Password
        <input name="password" type="password" data-testid="password" autoComplete="current-password" autoFocus />
      </label>
      <button type="submit" data-testid="password-submit" disabled={view.busy}>
        {view.busy ? 'Checking…' : 'Log in'}
      </button>
      {view.recoveryAvailable && (
        <button type="button" className="link" data-testid="recovery-request" onClick={() => engine.send({ type: 'recovery.request' })}>
          Forgot the password?
        </button>
      )}
    </form>
  );
}
