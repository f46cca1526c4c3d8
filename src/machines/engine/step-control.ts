/**
 * `step.retry` and `step.cancel` (issue 21): what a user can do when a login step cannot reach
 * Telegram, instead of watching `busy` or an error with no way on.
 *
 * Both are engine-level, like the input refusals of command-gate.ts, so that every step of every
 * flow gets them without a transition per busy state:
 * - `step.cancel` while a login screen is busy errors the flows' calls in flight with
 *   `AuthEngineError('step.cancelled')` and unsubscribes them (the transport forgets them; a late
 *   answer reaches nobody). Each busy state already handles a failed call by returning to the screen
 *   the step started from; the engine shows that screen without an error. Reconnecting goes on with
 *   backoff underneath. On a view with an error, `step.cancel` hides that error. On the QR, passkey
 *   and Firebase PNV screens (no input of their own) it returns to the phone screen, as `phone.start`.
 * - `step.retry` on a DC error (`DC_UNREACHABLE`, `DC_SECURITY_CHECK`, `DC_TIMEOUT`) or a flow whose
 *   code did not load (`FLOW_LOAD_FAILED`) sends the command that started the failed step again,
 *   with the same input, on the same screen. A login code is kept for that in a sealed copy until the
 *   step ends; a password, recovery code or token is never kept: retry then returns to the input
 *   screen (`error.retryStep: 'input'`) and the user types it again.
 */
import { Observable } from 'rxjs';
import type { ResultOf, TlMethod } from '../../tl/index.js';
import { AuthEngineError, Secret, type AuthRpc } from '../core/index.js';
import type { AuthError, AuthErrorCode, AuthView, SealedCommand } from '../flow-kit/index.js';

/** `AuthError.type` of a call ended by `step.cancel` (never shown: the screen returns without an error). */
export const STEP_CANCELLED = 'step.cancelled';

/** Error types after which `step.retry` runs the failed step again. */
const RETRYABLE_STEP_ERRORS: ReadonlySet<string> = new Set(['DC_UNREACHABLE', 'DC_SECURITY_CHECK', 'DC_TIMEOUT', 'FLOW_LOAD_FAILED']);

/** Screens without a login step to abandon: loading the session, logged in, logging out. */
const NOT_LOGIN_SCREENS: ReadonlySet<AuthView['status']> = new Set(['initializing', 'ready', 'loggingOut', 'closed']);

/**
 * Commands sent again as they were: no secret, or only a login code (short-lived, single use).
 * `payment.submit` is not among them: a host purchase must never be made twice by a retry.
 */
const REPEATABLE: ReadonlySet<SealedCommand['type']> = new Set([
  'phone.submit',
  'phone.edit',
  'code.submit',
  'code.resend',
  'code.reportMissing',
  'email.submit',
  'emailCode.submit',
  'email.reset',
  'registration.submit',
  'recovery.request',
  'qr.start',
  'phone.start',
  'passkey.start',
  'firebasePnv.start',
  'authorizations.reset',
]);

/** A copy of `command` whose `Secret` fields are fresh copies (the actor wipes the one it reads). */
function copyOf(command: SealedCommand): SealedCommand {
  if ((command.type === 'code.submit' || command.type === 'emailCode.submit') && !command.code.wiped) {
    return { type: command.type, code: new Secret(command.code.reveal()) };
  }
  return { ...command };
}

function wipe(command: SealedCommand | undefined): void {
  if (command && (command.type === 'code.submit' || command.type === 'emailCode.submit')) command.code.wipe();
}

/**
 * The step last started by a command: the command (when kept), the screen it was sent on and the
 * one that showed it busy (`qr.start` is sent on the phone screen and busy on the QR screen), whether it failed.
 */
interface StepMemo {
  readonly command: SealedCommand | undefined;
  readonly status: AuthView['status'];
  readonly busyOn: Set<AuthView['status']>;
  failed: boolean;
}

/** The step's own screens: where its error may show. */
const onStepScreen = (memo: StepMemo, view: AuthView): boolean => view.status === memo.status || memo.busyOn.has(view.status);

/**
 * Login methods with a screen of their own and no input on it: `step.cancel` there (busy, or on an
 * error) goes back to the phone screen, where the method was chosen, as `phone.start` does.
 */
const METHOD_SCREENS: ReadonlySet<AuthView['status']> = new Set(['waitQrConfirmation', 'waitPasskey', 'waitFirebasePnv']);

/** What the engine does with a `step.*` command. */
export type StepDecision =
  | { readonly kind: 'reject'; readonly reason: AuthErrorCode }
  | { readonly kind: 'send'; readonly command: SealedCommand }
  | { readonly kind: 'dismiss' }
  | { readonly kind: 'cancelled' };

/** One engine's step control: the flows' cancellable RPC port, the failed step, a dismissed error. */
export class StepControl {
  /** The port the flows use: `rpc` with every call cancellable by `step.cancel`. */
  readonly rpc: AuthRpc;
  private readonly inFlight = new Set<() => void>();
  private memo: StepMemo | undefined;
  /** The memo before the command being sent: kept again when the machines reject that command. */
  private previous: StepMemo | undefined;
  private dismissed: AuthError | undefined;

  constructor(rpc: AuthRpc) {
    const track = <M extends TlMethod>(request: M, source: Observable<ResultOf<M>>) => this.track(request, source);
    this.rpc = {
      invoke: (dcId, request) => track(request, rpc.invoke(dcId, request)),
      updates$: rpc.updates$,
      ...(rpc.permAuthKeyId ? { permAuthKeyId: (dcId: number) => rpc.permAuthKeyId!(dcId) } : {}),
    };
  }

  /**
   * Before a UI command goes to the machines: it may start a step (`statusBefore`: the screen it was
   * sent on). The copy is taken now, before an actor reads and wipes the command's secret.
   */
  begin(command: SealedCommand, statusBefore: AuthView['status']): void {
    this.previous = this.memo;
    this.memo = { command: REPEATABLE.has(command.type) ? copyOf(command) : undefined, status: statusBefore, busyOn: new Set(), failed: false };
  }

  /** After the send: a command the machines rejected started nothing, and the step before it stays retryable. */
  settle(taken: boolean): void {
    const [keep, drop] = taken ? [this.memo, this.previous] : [this.previous, this.memo];
    if (drop !== keep) wipe(drop?.command);
    this.memo = keep;
    this.previous = undefined;
  }

  /** The step is over (or was abandoned): its kept secret is wiped. */
  forget(): void {
    wipe(this.memo?.command);
    this.memo = undefined;
  }

  /** Follows each raw view: a step ends on the first idle view; it failed if that view shows a step error on its screen. */
  observe(view: AuthView): void {
    const memo = this.memo;
    if (!memo) return;
    if (view.busy) memo.busyOn.add(view.status);
    else if (isStepError(view.error) && onStepScreen(memo, view)) memo.failed = true;
    else this.forget();
  }

  /** `retryStep` of the current view's error: whether `step.retry` is accepted and what it does. */
  retryOf(view: AuthView): 'again' | 'input' | undefined {
    const memo = this.memo;
    if (!memo?.failed || view.busy || !isStepError(view.error) || !onStepScreen(memo, view)) return undefined;
    return memo.command ? 'again' : 'input';
  }

  /** Decides a `step.retry` or `step.cancel` on the raw view `view`. */
  decide(type: 'step.retry' | 'step.cancel', view: AuthView): StepDecision {
    if (type === 'step.retry') {
      const retry = this.retryOf(view);
      if (!retry) return { kind: 'reject', reason: 'retry.unavailable' };
      if (retry === 'input') {
        this.dismissed = view.error;
        this.forget();
        return { kind: 'dismiss' };
      }
      return { kind: 'send', command: copyOf(this.memo!.command!) };
    }
    if (METHOD_SCREENS.has(view.status) && (view.busy || view.error)) {
      this.forget();
      return { kind: 'send', command: { type: 'phone.start' } };
    }
    if (view.busy && !NOT_LOGIN_SCREENS.has(view.status) && this.inFlight.size > 0) {
      this.forget();
      for (const cancel of [...this.inFlight]) cancel();
      return { kind: 'cancelled' };
    }
    if (!view.busy && view.error) {
      this.dismissed = view.error;
      this.forget();
      return { kind: 'dismiss' };
    }
    return { kind: 'reject', reason: 'cancel.unavailable' };
  }

  /** The view as shown: a cancelled call's or a dismissed error hidden, a step error saying what `step.retry` does. */
  present(view: AuthView): AuthView {
    const error = view.error;
    if (!error) return view;
    if (error.type === STEP_CANCELLED || error === this.dismissed) {
      const { error: _hidden, ...rest } = view;
      return rest as AuthView;
    }
    this.dismissed = undefined;
    const retry = this.retryOf(view);
    return retry ? { ...view, error: { ...error, retryStep: retry } } : view;
  }

  /** `source` as a call `step.cancel` can end: it then errors with `step.cancelled` and is unsubscribed. */
  private track<M extends TlMethod>(request: M, source: Observable<ResultOf<M>>): Observable<ResultOf<M>> {
    return new Observable<ResultOf<M>>((subscriber) => {
      const cancel = (): void => {
        this.inFlight.delete(cancel);
        inner.unsubscribe();
        subscriber.error(new AuthEngineError(STEP_CANCELLED, `${request._} cancelled by step.cancel`));
      };
      this.inFlight.add(cancel);
      const inner = source.subscribe({
        next: (value) => subscriber.next(value),
        error: (error: unknown) => {
          this.inFlight.delete(cancel);
          subscriber.error(error);
        },
        complete: () => {
          this.inFlight.delete(cancel);
          subscriber.complete();
        },
      });
      return () => {
        this.inFlight.delete(cancel);
        inner.unsubscribe();
      };
    });
  }
}

/** True for the errors `step.retry` answers. */
function isStepError(error: AuthError | undefined): boolean {
  return error !== undefined && RETRYABLE_STEP_ERRORS.has(error.type);
}
