/** The login page: the screen for the current `AuthView`, the ways to log in, and the live view panel. */
import { useEffect, useState, type ReactNode } from 'react';
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

function screenFor(engine: AuthEngine, view: AuthView, controlUrl: string | undefined): ReactNode {
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
      return <QrScreen engine={engine} view={view} controlUrl={controlUrl} />;
    case 'waitPasskey':
      return <PasskeyScreen view={view} />;
    case 'ready':
      return <ReadyScreen engine={engine} view={view} />;
    default:
      // E-mail login and paid sign-up are not part of this demo: the panel still shows the view.
      return <p>{view.status === 'initializing' ? 'Loading the session…' : `No screen for ${view.status} in this demo.`}</p>;
  }
}

/**
 * A command the current screen ignored, said in a sentence until the view changes. (Refused input,
 * such as a phone number with letters, is the view's own error and shows as such.)
 */
function useIgnoredCommand(engine: AuthEngine, view: AuthView): string | undefined {
  const [notice, setNotice] = useState<string>();
  useEffect(() => {
    const sub = engine.on('command.rejected', (e) => {
      if (e.reason === 'command.unexpected') setNotice(e.message);
    });
    return () => sub.unsubscribe();
  }, [engine]);
  useEffect(() => setNotice(undefined), [view.status]);
  return notice;
}

/**
 * The whole page for one engine; `controlUrl`: the simulator's control API (QR approval hint);
 * `consoleUrl`: the simulator's console, when there is one.
 */
export function App({
  engine,
  controlUrl,
  consoleUrl,
}: {
  engine: AuthEngine;
  controlUrl?: string;
  consoleUrl?: string | undefined;
}) {
  const view = useAuth(engine);
  const notice = useIgnoredCommand(engine, view);
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
        {notice && (
          <p role="status" className="error" data-testid="notice">
            {notice}
          </p>
        )}
        {screenFor(engine, view, controlUrl)}
        <ConsoleHint view={view} consoleUrl={consoleUrl} />
      </section>
      <aside className="panel">
        <h2>AuthView</h2>
        <pre data-testid="view">{JSON.stringify(view, null, 2)}</pre>
      </aside>
    </main>
  );
}
