/**
 * The QR screen of `tgauth login`: draws the `tg://login?token=…` link as a QR code (again each
 * time the engine exports a fresh token), tells how a second device approves it, and waits for
 * the scan while still listening for "phone" to switch to a phone number.
 */
import type { AuthView } from '../../machines/index.js';
import type { LineReader } from './line-reader.js';
import type { LoginEngine } from './login-prompts.js';
import { renderQr } from './qr-terminal.js';

/** What the QR screen needs from the login command. */
export interface QrScreen {
  readonly engine: LoginEngine;
  readonly reader: LineReader;
  readonly say: (line: string) => void;
  /** Lines telling how to approve `link` from a second device (the simulator's control API). */
  readonly approveHint?: (link: string) => string[];
}

type QrView = Extract<AuthView, { status: 'waitQrConfirmation' }>;

/** The first view matching `test`, and a way to stop waiting for it (no dangling subscription). */
function nextView(
  engine: LoginEngine,
  test: (v: AuthView) => boolean,
): { view: Promise<AuthView>; cancel(): void } {
  let cancel = (): void => undefined;
  const view = new Promise<AuthView>((resolve) => {
    const sub = engine.state$.subscribe((v) => {
      if (!test(v)) return;
      queueMicrotask(() => sub.unsubscribe());
      resolve(v);
    });
    cancel = () => sub.unsubscribe();
  });
  return { view, cancel };
}

async function show(screen: QrScreen, view: QrView, link: string): Promise<void> {
  if (screen.reader.terminal) screen.say(await renderQr(link));
  screen.say(`link: ${link}`);
  if (view.expiresAt !== undefined) {
    const seconds = Math.max(0, view.expiresAt - Math.floor(Date.now() / 1000));
    screen.say(
      `scan it with Telegram (Settings > Devices > Link Desktop Device); a new code comes in ~${seconds}s`,
    );
  }
  for (const line of screen.approveHint?.(link) ?? []) screen.say(line);
}

/** Runs the QR screen until the view leaves `waitQrConfirmation` (approved, password, or "phone"). */
export async function runQrScreen(screen: QrScreen, first: QrView): Promise<void> {
  const { engine, reader } = screen;
  let shown: string | undefined;
  let view: AuthView = first;
  let inputEnded = false;
  while (view.status === 'waitQrConfirmation') {
    if (view.link !== undefined && view.link !== shown) {
      shown = view.link;
      await show(screen, view, view.link);
    }
    const drawn = shown;
    const changed = nextView(
      engine,
      (v) => v.status !== 'waitQrConfirmation' || (v.link !== undefined && v.link !== drawn),
    );
    if (inputEnded) {
      view = await changed.view;
      continue;
    }
    const stop = new AbortController();
    const typed = reader
      .ask('waiting for the scan; type "phone" to log in with a phone number instead: ', {
        signal: stop.signal,
      })
      .then((line) => ({ line }));
    const next = await Promise.race([changed.view.then((v) => ({ view: v })), typed]);
    changed.cancel();
    if ('view' in next) {
      stop.abort();
      view = next.view;
      continue;
    }
    if (next.line === undefined) inputEnded = true;
    else if (next.line.trim() === 'phone') {
      engine.send({ type: 'phone.start' });
      return;
    }
    view = engine.getSnapshot();
  }
}
