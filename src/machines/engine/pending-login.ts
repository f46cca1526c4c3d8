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
 * Watches the root and writes the record on every change of wait screen. A stored QR wait is
 * re-opened once with `qr.start` (a new token: the old one was never stored). Returns the unsubscribe.
 */
export function trackPendingLogin(
  actor: Actor<typeof authMachine>,
  session: SessionKeeper,
  now: () => number,
): () => void {
  // Decided once the stored session has been read (the root leaves `initializing`).
  let loaded = false;
  let last = '';
  const record = (root: RootSnapshot): void => {
    if (root.hasTag('initializing')) return;
    if (!loaded) {
      loaded = true;
      last = JSON.stringify(session.current.pendingLogin ?? null);
      if (session.current.pendingLogin?.flow === 'qr' && root.matches('phoneLogin')) {
        actor.send({ type: 'qr.start' });
        return;
      }
    }
    const next = pendingLoginOf(root, now(), session.current.pendingLogin);
    if (next === 'unchanged') return;
    const json = JSON.stringify(next ?? null);
    if (json === last) return;
    last = json;
    // A failed write leaves the previous record: a restart then resumes one step back, never wrongly ahead.
    session.setPendingLogin(next).catch(() => undefined);
  };
  // With an `error` callback: XState reports an actor error as an uncaught exception as soon as one
  // observer lacks one (stately.ai/docs/actors "Actor errors"). The engine's own root observer surfaces the error.
  const subscription = actor.subscribe({ next: record, error: () => undefined });
  return () => subscription.unsubscribe();
}
