/** `waitRegistration`: sign-up with a name, and the terms of service when the server asks for them. */
import type { FormEvent } from 'react';
import { field, type ScreenProps } from './screen-props.js';

export function RegistrationScreen({ engine, view }: ScreenProps<'waitRegistration'>) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const lastName = field(form, 'lastName');
    engine.send({
      type: 'registration.submit',
      firstName: field(form, 'firstName'),
      ...(lastName ? { lastName } : {}),
      // Terms are never accepted silently: only the checkbox says yes.
      acceptTerms: !view.acceptanceRequired || new FormData(form).get('terms') === 'on',
    });
  };
  const tos = view.termsOfService;
  return (
    <form onSubmit={submit} data-testid="registration-form">
      <p>{view.phone} has no account yet: sign up.</p>
      <label>
        First name
        <input name="firstName" data-testid="first-name" autoComplete="given-name" autoFocus />
      </label>
      <label>
        Last name (optional)
        <input name="lastName" data-testid="last-name" autoComplete="family-name" />
      </label>
      {tos && (
        <details open={tos.popup}>
          <summary>Terms of service{tos.minAge ? ` (you must be at least ${tos.minAge})` : ''}</summary>
          <p className="tos">{tos.text}</p>
        </details>
      )}
      {view.acceptanceRequired && (
        <label className="check">
          <input type="checkbox" name="terms" data-testid="accept-terms" /> I accept the terms of service
        </label>
      )}
      <button type="submit" data-testid="registration-submit" disabled={view.busy}>
        Sign up
      </button>
    </form>
  );
}
