/**
 * The engine's one observer of its root actor: turns snapshots into the views a host sees, in step
 * with the pending-login records that let a restarted process resume them (issue 21).
 */
import type { BehaviorSubject } from 'rxjs';
import type { Actor, Observer as XObserver } from 'xstate';
import type { authMachine } from '../auth/index.js';
import type { Clock } from '../core/index.js';
import type { AuthView } from '../flow-kit/index.js';
import { isSettling, type PendingLoginTracker } from './pending-login.js';
import { sameView } from './same-view.js';

type RootSnapshot = ReturnType<Actor<typeof authMachine>['getSnapshot']>;

/** How long a screen waits for its pending-login record to be written (engine clock). */
export const RECORD_WAIT_MS = 5_000;

/**
 * Each snapshot becomes the view when it looks different, once the pending-login record it implies
 * is written (a screen is never shown before the record that resumes it: a crash in between would
 * restart the login a step back and send a second code). Meanwhile the view stays the last one
 * shown, busy. A snapshot in which the root has yet to take a finished child's output shows nothing.
 * A store that never settles (a hung disk, a blocked IndexedDB) must not hold the screen for good:
 * past RECORD_WAIT_MS on the engine's clock the screen is shown, as after a failed write.
 */
export class ViewFeed implements XObserver<RootSnapshot> {
  private writes = 0;

  constructor(
    private readonly actor: Actor<typeof authMachine>,
    private readonly view$: BehaviorSubject<AuthView>,
    private readonly present: (snapshot: RootSnapshot) => AuthView,
    private readonly tracker: PendingLoginTracker,
    private readonly clock: Clock | undefined,
  ) {}

  next(snapshot: RootSnapshot): void {
    if (isSettling(snapshot)) return;
    const write = this.tracker.record(snapshot);
    if (write) {
      this.writes++;
      let waiting = true;
      const release = (): void => {
        if (!waiting) return;
        waiting = false;
        this.clock?.clearTimeout(timer);
        this.writes--;
        this.refresh(false);
      };
      const timer = this.clock?.setTimeout(release, RECORD_WAIT_MS);
      void write.then(release);
      // A command from an idle screen (qr.start) moved on: the screen it left is busy, not waiting for input.
      const shown = this.view$.value;
      if (!shown.busy) this.view$.next({ ...shown, busy: true });
    }
    this.refresh(false);
  }

  /** Shows the root's current view unless a record is being written (`always`: even when it looks the same). */
  refresh(always: boolean): void {
    const snapshot = this.actor.getSnapshot();
    if (this.writes > 0 || isSettling(snapshot)) return;
    const view = this.present(snapshot);
    if (always || !sameView(view, this.view$.value)) this.view$.next(view);
  }

  /** An errored root would otherwise become an uncaught exception (stately.ai/docs/actors "Actor errors"). */
  error(error: unknown): void {
    this.view$.error(error);
  }

  complete(): void {
    this.view$.complete();
  }
}
