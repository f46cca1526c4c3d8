/** `ready`: who is logged in, and log out. */
import type { ScreenProps } from './screen-props.js';

export function ReadyScreen({ engine, view }: ScreenProps<'ready'>) {
  const { user } = view;
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ') || user.username || user.id;
  return (
    <div data-testid="ready">
      <p>
        Logged in as <strong data-testid="user-name">{name}</strong> (id {user.id}
        {user.phone ? `, +${user.phone}` : ''}).
      </p>
      {view.setupPasswordRequired && <p className="muted">The server recommends setting a 2FA password.</p>}
      <button type="button" data-testid="logout" disabled={view.busy} onClick={() => engine.send({ type: 'logout.request' })}>
        Log out
      </button>
    </div>
  );
}
