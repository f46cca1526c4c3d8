/**
 * The simulator side of the other-logins model's QR events: who accepts the shown code (and what
 * the new device's import then meets: an expired migrate token, a failure, an account that moves
 * at every import), the link's deadline passing with a working or failing re-export, and the code
 * shown before a failed refresh scanned after it. Faults are armed for exactly one call and must be
 * used by the step (`expectFaultsUsed`), so a flow that skips the call fails the path.
 */
import { account, type World } from '../integration/sim-world.js';
import { FAULT_ERROR, type QrApprover } from './other-logins.model.js';
import type { Sut } from './sut.js';

export const QR_PASSWORD = 'qr horse';

/**
 * The server's QR tokens outlive the client's redraw: the client caps the wait for a link at 5 min
 * (qr-login/actors.ts), so a code it replaced is still valid on the server for a while. That is
 * what lets a code scanned after a failed refresh reach the failed state (`QR_APPROVE_STALE`).
 */
export const SERVER_QR_TTL_MS = 10 * 60_000;
const CLIENT_REDRAW_MS = 5 * 60_000;

/** What one engine's path remembers between steps: the last code it showed. */
export interface QrMemory {
  lastToken?: string;
}

/** The token of the link the view shows (`tg://login?token=<base64url>`). */
export function shownToken(sut: Sut): string {
  const v = sut.view();
  if (v.status !== 'waitQrConfirmation' || !v.link) throw new TypeError(`no QR link in ${JSON.stringify(v)}`);
  return new URL(v.link).searchParams.get('token')!;
}

/** Notes the code on screen (call after every step). */
export function rememberCode(sut: Sut, memory: QrMemory): void {
  const v = sut.view();
  if (v.status === 'waitQrConfirmation' && v.link) memory.lastToken = shownToken(sut);
}

/** Fails when a fault armed for this step was not used (the flow never made that call). */
export function expectFaultsUsed(w: World): void {
  const left = w.sim.faults.snapshot().rejections;
  w.sim.faults.clear();
  if (left.length > 0) throw new TypeError(`fault not used: ${JSON.stringify(left)}`);
}

const ON_OTHER_DC: readonly QrApprover[] = [
  'otherDc',
  'otherDc2FA',
  'otherDcExpired',
  'otherDcFails',
  'movingUser',
];

/** The QR machine's redirect limit (qr-login/machine.ts): a migrate-to past it fails the attempt. */
const MAX_REDIRECTS = 3;

/**
 * A logged-in user accepts the code on screen; returns when the engine settled. `redirects` is how
 * many migrations this QR attempt already had (the model's count): at the limit the export's
 * migrate-to is refused, so no import happens and no import fault is armed.
 */
export async function approveShownCode(w: World, sut: Sut, by: QrApprover, redirects: number): Promise<void> {
  const user = account(w, { dcId: ON_OTHER_DC.includes(by) ? 2 : 1 });
  if (by === 'twoFA' || by === 'otherDc2FA') await w.sim.setPassword(user.id, QR_PASSWORD);
  const imports = redirects < MAX_REDIRECTS;
  if (imports && by === 'otherDcExpired')
    w.sim.faults.reject('auth.importLoginToken', 400, 'AUTH_TOKEN_EXPIRED', 1);
  if (imports && by === 'otherDcFails') w.sim.faults.reject('auth.importLoginToken', 500, FAULT_ERROR, 1);
  let seen = 0;
  // The account moves to the next DC as each import arrives, so every import answers migrate-to.
  const stopMoving =
    by === 'movingUser'
      ? w.sim.onCall(({ method, dcId }) => {
          if (method !== 'auth.importLoginToken') return;
          seen++;
          w.sim.accounts.update(user.id, { dcId: dcId === 5 ? 2 : dcId + 1 });
        })
      : undefined;
  try {
    w.sim.approveQr(shownToken(sut), user.id);
    await sut.idle();
  } finally {
    stopMoving?.();
  }
  expectFaultsUsed(w);
  // The export's redirect, then one import per redirect left: the last one over the limit fails.
  const expected = Math.max(0, MAX_REDIRECTS - redirects);
  if (by === 'movingUser' && seen !== expected)
    throw new TypeError(`expected ${expected} imports, saw ${seen}`);
}

/** The link's deadline passes on the clock; the re-export answers, or fails once. */
export async function expireShownCode(w: World, sut: Sut, refresh: 'ok' | 'fails'): Promise<void> {
  const before = shownToken(sut);
  if (refresh === 'fails') w.sim.faults.reject('auth.exportLoginToken', 500, FAULT_ERROR, 1);
  w.clock.advance(CLIENT_REDRAW_MS + 1_000);
  await sut.idle();
  expectFaultsUsed(w);
  if (refresh === 'ok' && shownToken(sut) === before)
    throw new TypeError('the expired QR link was not replaced');
}

/** A user on the engine's DC scans the code shown before the failed refresh (still valid on the server). */
export async function approveStaleCode(w: World, sut: Sut, memory: QrMemory): Promise<void> {
  if (!memory.lastToken) throw new TypeError('no code was shown before');
  w.sim.approveQr(memory.lastToken, account(w, { dcId: 1 }).id);
  await sut.idle();
}
