/** The login page: the screen for the current `AuthView`, the ways to log in, and the live view panel. */
import type { ReactNode } from 'react';
import { CodeScreen } from './screens/CodeScreen.js';
import { PasskeyScreen } from './screens/PasskeyScreen.js';
import { PasswordScreen } from './screens/PasswordScreen.js';
import { PhoneScreen } from './screens/PhoneScreen.js';
import { QrScreen } from './screens/QrScreen.js';
import { ReadyScreen } from './screens/ReadyScreen.js';
import { RegistrationScreen } from './screens/RegistrationScreen.js';
import { RecoveryScreen } from './screens/RecoveryScreen.js';
import { passkeysAvailable } from './browser-passkey.js';
import { ConsoleHint } from './ConsoleHint.js';
import { useAuth, type AuthEngine, type AuthView } from './tgauth.js';

/** Login screens from which the user may switch to another way of logging in. */
const SWITCHABLE = new Set<AuthView['status']>(['waitPhoneNumber', 'waitCode', 'waitQrConfirmation', 'waitPasskey']);

function screenFor(engine: AuthEngine, view: AuthView): ReactNode {
  switch (view.status) {
    case 'waitPhoneNumber':
      return <PhoneScreen engine={engine} view={view} />;
    case 'waitCode':
      return <CodeScreen engine={engine} view={view} />;
    case 'waitPassword':
      return <PasswordScreen engine={engine} view={view} />;
    case 'waitPasswordRecovery':
      return <RecoveryScreen engine={engine} view={view} />;
    case 'waitRegistration':
      return <RegistrationScreen engine={engine} view={view} />;
    case 'waitQrConfirmation':
      return <QrScreen engine={engine} view={view} />;
    case 'waitPasskey':
      return <PasskeyScreen view={view} />;
    case 'ready':
      return <ReadyScreen engine={engine} view={view} />;
    default:
      // E-mail login and paid sign-up are not part of this demo: the panel still shows the view.
      return <p>{view.status === 'initializing' ? 'Loading the session…' : `No screen for ${view.status} in this demo.`}</p>;
  }
}

/** The whole page for one engine; `consoleUrl` is the simulator's console, when there is one. */
export function App({ engine, consoleUrl }: { engine: AuthEngine; consoleUrl?: string | undefined }) {
  const view = useAuth(engine);
  return (
    <main data-status={view.status}>
      <section className="screen">
        <h1>Log in to Telegram (simulator)</h1>
        {SWITCHABLE.has(view.status) && (
          <nav className="methods">
            <button type="button" data-testid="use-phone" disabled={view.status === 'waitPhoneNumber'} onClick={() => engine.send({ type: 'phone.start' })}>
              Phone number
            </button>
            <button type="button" data-testid="use-qr" disabled={view.status === 'waitQrConfirmation'} onClick={() => engine.send({ type: 'qr.start' })}>
              QR code
            </button>
            <button type="button" data-testid="use-passkey" disabled={!passkeysAvailable() || view.status === 'waitPasskey'} onClick={() => engine.send({ type: 'passkey.start' })}>
              Passkey
            </button>
          </nav>
        )}
        {view.error && (
          <p role="alert" className="error" data-testid="error">
            {view.error.message}
          </p>
        )}
        {screenFor(engine, view)}
        <ConsoleHint view={view} consoleUrl={consoleUrl} />
      </section>
      <aside className="panel">
        <h2>AuthView</h2>
        <pre data-testid="view">{JSON.stringify(view, null, 2)}</pre>
      </aside>
    </main>
  );
}
