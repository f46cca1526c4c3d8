/** `waitPasswordRecovery`: the code e-mailed to the recovery address. */
import type { FormEvent } from 'react';
import { field, type ScreenProps } from './screen-props.js';

export function RecoveryScreen({ engine, view }: ScreenProps<'waitPasswordRecovery'>) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    engine.send({ type: 'recovery.submit', code: field(event.currentTarget, 'code') });
  };
  return (
    <form onSubmit={submit} data-testid="recovery-form">
      <p>We e-mailed a recovery code to {view.emailPattern}. Using it removes the password.</p>
      <label>
        Recovery code
        <input name="code" data-testid="recovery-code" autoComplete="one-time-code" autoFocus />
      </label>
      <button type="submit" data-testid="recovery-submit" disabled={view.busy}>
        Recover
      </button>
    </form>
  );
}
