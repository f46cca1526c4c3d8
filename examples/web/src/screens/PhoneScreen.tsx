/** `waitPhoneNumber`: the phone number form. */
import type { FormEvent } from 'react';
import { field, type ScreenProps } from './screen-props.js';

export function PhoneScreen({ engine, view }: ScreenProps<'waitPhoneNumber'>) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    engine.send({ type: 'phone.submit', phone: field(event.currentTarget, 'phone') });
  };
  return (
    <form onSubmit={submit} data-testid="phone-form">
      <label>
        Phone number
        <input name="phone" data-testid="phone" inputMode="tel" autoComplete="tel" placeholder="999 66 2 1234" autoFocus />
      </label>
      <button type="submit" data-testid="phone-submit" disabled={view.busy}>
        {view.busy ? 'Sending the code…' : 'Next'}
      </button>
    </form>
  );
}
