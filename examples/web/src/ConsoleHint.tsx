/**
 * Where the simulator's console helps with the current screen: the code (or e-mail or recovery
 * code) is in its inbox; a QR code is approved there as any account ("the phone that scans it").
 * Shown only against the simulator, which hands the console's URL over in `/config.json`.
 */
import type { AuthView } from './tgauth.js';

const HINTS: Partial<Record<AuthView['status'], [tab: string, text: string]>> = {
  waitCode: ['inbox', 'The simulator does not send SMS: the code is in the console’s inbox.'],
  waitEmailCode: ['inbox', 'The e-mail code is in the console’s inbox.'],
  waitPasswordRecovery: ['inbox', 'The recovery code is in the console’s inbox.'],
  waitQrConfirmation: ['qr', 'No phone to scan with? Approve this QR login in the console, as any account.'],
  waitPhoneNumber: ['accounts', 'Test accounts, codes and QR approval are in the simulator console.'],
};

export function ConsoleHint({ view, consoleUrl }: { view: AuthView; consoleUrl: string | undefined }) {
  const hint = HINTS[view.status];
  if (!consoleUrl || !hint) return null;
  const href = `${consoleUrl}#${hint[0]}`;
  return (
    <p className="hint" data-testid="console-hint">
      {hint[1]}{' '}
      <a href={href} target="tgauth-console" rel="noreferrer" data-testid="console-link">
        Open the simulator console
      </a>
    </p>
  );
}
