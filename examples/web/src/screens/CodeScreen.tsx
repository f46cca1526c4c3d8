/** `waitCode`: where the code went, the code field, and resend with the server's countdown. */
import type { FormEvent } from 'react';
import { field, type ScreenProps, type ViewOf } from './screen-props.js';

/** A sentence for how the code was delivered (every `auth.SentCodeType`). */
function deliveredBy(info: ViewOf<'waitCode'>['codeInfo']): string {
  switch (info.type) {
    case 'app':
      return `We sent a ${info.length}-digit code to your Telegram app.`;
    case 'sms':
    case 'firebaseSms':
      return `We sent a ${info.length}-digit code by SMS.`;
    case 'smsWord':
    case 'smsPhrase':
      return `We sent a ${info.type === 'smsWord' ? 'word' : 'phrase'} by SMS${info.beginning ? ` starting with “${info.beginning}”` : ''}.`;
    case 'call':
      return `We are calling you to dictate a ${info.length}-digit code.`;
    case 'flashCall':
      return `We are calling you: the calling number is the code (${info.pattern}).`;
    case 'missedCall':
      return `We are calling you from ${info.prefix}…: enter its last ${info.length} digits.`;
    case 'fragmentSms':
      return `The code is on Fragment: ${info.url}`;
  }
}

const NEXT_NAMES = { sms: 'SMS', call: 'a call', flashCall: 'a flash call', missedCall: 'a missed call', fragmentSms: 'Fragment' };

function mmss(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export function CodeScreen({ engine, view }: ScreenProps<'waitCode'>) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    engine.send({ type: 'code.submit', code: field(event.currentTarget, 'code') });
  };
  const wait = view.resendInSeconds;
  return (
    <form onSubmit={submit} data-testid="code-form">
      <p>
        {view.phone}: {deliveredBy(view.codeInfo)}
      </p>
      <label>
        Code
        <input name="code" data-testid="code" inputMode="numeric" autoComplete="one-time-code" autoFocus />
      </label>
      <button type="submit" data-testid="code-submit" disabled={view.busy}>
        Log in
      </button>
      {view.nextType && (
        <button type="button" data-testid="resend" disabled={view.busy || (wait ?? 0) > 0} onClick={() => engine.send({ type: 'code.resend' })}>
          {wait ? `Resend by ${NEXT_NAMES[view.nextType]} in ${mmss(wait)}` : `Resend by ${NEXT_NAMES[view.nextType]}`}
        </button>
      )}
      <button type="button" className="link" data-testid="phone-edit" onClick={() => engine.send({ type: 'phone.edit' })}>
        Wrong number?
      </button>
    </form>
  );
}
