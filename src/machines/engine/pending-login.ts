/**
 * Durable engine (issue 8): keeps a small resumable record of the login waiting for the user in the
 * session, instead of XState snapshots (restoring one re-runs an in-flight invoke, does not re-arm
 * `after` timers, and persists child `input`; stately.ai/docs/persistence). The record holds no code,
 * password or QR token: for the code screens the last auth.SentCode (or paid-login offer), the
 * absolute time resend becomes allowed and the step reached with it (e-mail setup code,
 * registration with its terms, a pending payment's form id); for the password and QR screens only
 * where they were.
 */
import type { Actor, AnyActorLogic, InputFrom } from 'xstate';
import type { authMachine } from '../auth/index.js';
import type { PhoneLoginContext } from '../phone-login/index.js';
import { encodeSentCode, type PendingCodeLogin, type PendingLogin, type SessionKeeper } from '../session/index.js';
import type { AnyActorSystem } from '../core/index.js';

/**
 * `logic` with its input rewritten by `map` each time it is started (same behaviour otherwise);
 * `map` is told the actor system it starts in (the engine's, see core/system-deps.ts).
 */
export function withInput<L extends AnyActorLogic>(
  logic: L,
  map: (input: InputFrom<L>, system: AnyActorSystem) => InputFrom<L>,
): L {
  return Object.create(logic, {
    getInitialSnapshot: {
      value: (scope: { system: AnyActorSystem }, input: InputFrom<L>) => logic.getInitialSnapshot(scope as never, map(input, scope.system)),
    },
  }) as L;
}

type RootSnapshot = ReturnType<Actor<typeof authMachine>['getSnapshot']>;
type PhoneChild = { context: PhoneLoginContext; hasTag(tag: string): boolean };
const CODE_SCREENS = ['waitCode', 'waitEmailCode', 'waitEmailAddress', 'waitRegistration', 'waitPayment'];

/** The step a code login has reached beyond the screen its sent code routes to. */
function stepOf(child: PhoneChild): Partial<PendingCodeLogin> {
  const c = child.context;
  if (child.hasTag('waitEmailCode') && c.emailSetup) return { emailSetup: c.emailSetup };
  if (child.hasTag('waitRegistration'))
    return { signUp: c.termsOfService ? { terms: encodeSentCode(c.termsOfService) } : {} };
  if (child.hasTag('pending') && c.formId !== undefined) return { paymentFormId: String(c.formId) };
  return {};
}

/** The record for `root` (`undefined`: nothing to resume), reusing `previous`'s resend deadline for the same code. */
export function pendingLoginOf(
  root: RootSnapshot,
  now: number,
  previous: PendingLogin | undefined,
): PendingLogin | undefined | 'unchanged' {
  if (root.matches('password')) {
    const phone = previous && 'phone' in previous ? previous.phone : '';
    return { flow: 'password', dcId: root.context.loginDcId ?? root.context.homeDcId, phone };
  }
  if (root.matches('qrLogin')) return { flow: 'qr', dcId: root.context.homeDcId };
  if (root.matches('phoneLogin')) {
    const child = root.children.phoneLogin?.getSnapshot() as PhoneChild | undefined;
    if (!child) return 'unchanged';
    const c = child.context;
    if (child.hasTag('busy')) return 'unchanged';
    if (!CODE_SCREENS.some((t) => child.hasTag(t)) || !c.phoneCodeHash || !c.sent || c.sent._ === 'auth.sentCodeSuccess')
      return undefined;
    const sentCode = encodeSentCode(c.sent);
    const sameCode = previous?.flow === 'code' && previous.sentCode === sentCode;
    return {
      flow: 'code',
      dcId: c.dcId,
      phone: c.phone,
      sentCode,
      // the same code keeps its absolute deadline (recomputing it on every countdown tick would drift)
      resendAt: sameCode ? previous.resendAt : now + (c.resendInSeconds ?? 0) * 1000,
      ...stepOf(child),
    };
  }
  // ready, logging out: nothing waits. Initializing (the record is still being read) and closing
  // (the engine decides in stop()) leave the record as it is.
  return root.hasTag('initializing') || root.hasTag('closed') || root.status !== 'active'
    ? 'unchanged'
    : undefined;
}

/**
 * True while the root has not yet taken the output of a flow child that just finished: the child
 * sits in its final state (a login that met 2FA, or succeeded) and the root's next step moves on.
 * That snapshot shows no screen of its own and implies no record.
 */
export function isSettling(root: RootSnapshot): boolean {
  const children = root.children as Record<string, { getSnapshot(): { status: string } } | undefined>;
  return FLOW_CHILDREN.some((id) => children[id]?.getSnapshot().status === 'done');
}
const FLOW_CHILDREN = ['phoneLogin', 'qrLogin', 'passkeyLogin', 'firebasePnvLogin', 'password'];

/**
 * Writes the record on every change of wait screen; the engine shows a screen only once the record
 * it implies is written (`record` returns that write), so a process killed at any moment resumes
 * the screen it showed, or the one before it, never an earlier step (issue 21). A stored QR wait is
 * re-opened once with `qr.start` (a new token: the old one was never stored).
 */
export class PendingLoginTracker {
  // Decided once the stored session has been read (the root leaves `initializing`).
  private loaded = false;
  private stopped = false;

  constructor(
    private readonly actor: Actor<typeof authMachine>,
    private readonly session: SessionKeeper,
    private readonly now: () => number,
  ) {}

  /** Records what `root` implies; returns the write when one started (it never rejects). */
  record(root: RootSnapshot): Promise<void> | undefined {
    if (this.stopped || root.hasTag('initializing') || isSettling(root)) return undefined;
    const session = this.session;
    if (!this.loaded) {
      this.loaded = true;
      if (session.current.pendingLogin?.flow === 'qr' && root.matches('phoneLogin')) {
        this.actor.send({ type: 'qr.start' });
        return undefined;
      }
    }
    const next = pendingLoginOf(root, this.now(), session.current.pendingLogin);
    if (next === 'unchanged') return undefined;
    if (JSON.stringify(next ?? null) === JSON.stringify(session.current.pendingLogin ?? null)) return undefined;
    // A failed write leaves the previous record: a restart then resumes one step back, never wrongly ahead.
    return session.setPendingLogin(next).catch(() => undefined);
  }

  /** No more writes (the engine is stopping and decides the record itself). */
  stop(): void {
    this.stopped = true;
  }
}
