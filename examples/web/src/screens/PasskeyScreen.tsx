/** `waitPasskey`: the browser's passkey prompt is open (navigator.credentials.get). */
import type { ViewOf } from './screen-props.js';

export function PasskeyScreen({ view }: { view: ViewOf<'waitPasskey'> }) {
  return (
    <div data-testid="passkey-screen">
      <p>
        {view.busy ? 'Waiting for your passkey' : 'Preparing the passkey login'}
        {view.rpId ? ` for ${view.rpId}` : ''}…
      </p>
      <p className="muted">Your browser asks you to choose a passkey. Cancel to go back.</p>
    </div>
  );
}
