/**
 * The setup of the phone-login model (phone.model.ts): its context, the guards over the account and
 * the event payloads, and the helpers the states are written with (`go`, `stay`, `is`, ...).
 */
import { assign, setup } from 'xstate';
import { nextCodeType, type AccountKind, type CodeType, type PhoneModelEvent } from './phone-events.js';

export interface PhoneModelContext {
  account: AccountKind;
  /** `AuthView.error.type` the screen must show, or null. */
  error: string | null;
  /** The code screen's `codeInfo.type` (null off that screen). */
  code: CodeType | null;
  /** The account's login e-mail: none, still to be set up, or set (the code goes there). */
  email: 'none' | 'setup' | 'login';
  /** The server sent terms of service with the sign-up request: registration must accept them. */
  terms: boolean;
  /** A resend came back SEND_CODE_UNAVAILABLE: this code screen offers no more resends. */
  resendGone: boolean;
  /** On a countdown screen: the error its screen shows once the countdown is over (else none). */
  afterFlood: string | null;
}

type Ctx = PhoneModelContext;
export type StateName =
  | 'waitPhoneNumber'
  | 'waitCode'
  | 'waitPassword'
  | 'waitPasswordNoSrp'
  | 'waitPasswordGone'
  | 'waitPasswordNoSrpGone'
  | 'waitPasswordRecovery'
  | 'waitRegistration'
  | 'waitEmailAddress'
  | 'waitEmailCode'
  | 'waitPayment'
  | 'waitPaymentGone'
  | 'waitPaymentPending'
  | 'loggedOut'
  | 'ready'
  | `${'waitPhoneNumber' | 'waitCode' | 'waitPassword' | 'waitPasswordNoSrp' | 'waitPasswordRecovery' | 'waitRegistration' | 'waitEmailAddress' | 'waitEmailCode'}Flood`;

/** Context a screen keeps: leaving the code or registration screen forgets what only they show. */
export function leaving(target: StateName): Partial<Ctx> {
  return {
    ...(target === 'waitCode' || target === 'waitCodeFlood' ? {} : { code: null, resendGone: false }),
    ...(target === 'waitRegistration' || target === 'waitRegistrationFlood' ? {} : { terms: true }),
  };
}

export const set = (params: Partial<Ctx>) => ({ type: 'set' as const, params });

/** A transition to `target` showing `error` (and any other context change). */
export const go = (target: StateName, error: string | null, more: Partial<Ctx> = {}) => ({
  target,
  actions: set({ error, ...leaving(target), ...more }),
});

/** A self transition: the same screen now showing `error`. */
export const stay = (error: string | null, more: Partial<Ctx> = {}) => ({ actions: set({ error, ...more }) });

/**
 * Guard: the event carries these payload fields — and none of the variant fields (a fault on a
 * follow-up request, a forged answer, the Firebase proof) unless they are named here.
 */
export const is = (fields: Record<string, unknown>) => ({ type: 'is' as const, params: fields });
const VARIANTS = ['proof', 'passwordFetch', 'refetch', 'recover', 'forged', 'fallback'];
export const acct = (...kinds: AccountKind[]) => ({ type: 'account' as const, params: kinds });
export const email = (value: Ctx['email']) => ({ type: 'email' as const, params: value });

/**
 * A step that changes nothing the screen shows (a no-op action, so that xstate/graph counts it as a
 * step: `snapshot.can` ignores a transition with neither target nor actions).
 */
export const unchanged = (description: string) => ({ actions: set({}), description });

/**
 * From a flood countdown back to its screen once the clock ran it out, showing what the countdown
 * deferred (a refetch flooded after a wrong password: the check's error), else no error.
 */
export const flood = (screen: StateName) => ({
  on: { WAIT_FLOOD: { target: screen, actions: [set(leaving(screen)), { type: 'endFlood' as const }] } },
});
/** What a flood countdown screen shows. */
export const FLOODED = 'FLOOD_WAIT_X';

/** Types, guards and actions of the model; the states are in phone.model.ts. */
export const phoneModelSetup = setup({
  types: {
    context: {} as Ctx,
    events: {} as PhoneModelEvent,
    input: {} as { account: AccountKind },
  },
  guards: {
    is: ({ event }, fields: Record<string, unknown>) => {
      const e = event as Record<string, unknown>;
      return (
        Object.entries(fields).every(([k, v]) => e[k] === v) &&
        VARIANTS.every((k) => k in fields || e[k] === undefined)
      );
    },
    account: ({ context }, kinds: AccountKind[]) => kinds.includes(context.account),
    email: ({ context }, value: Ctx['email']) => context.email === value,
    canResend: ({ context }) => !context.resendGone && nextCodeType(context.code) !== undefined,
    terms: ({ context }) => context.terms,
    aged: ({ event }) => event.type === 'RESET_AUTHORIZATIONS' && event.aged,
  },
  actions: {
    set: assign((_, params: Partial<Ctx>) => params),
    resent: assign(({ context }) => ({ code: nextCodeType(context.code) ?? null })),
    endFlood: assign(({ context }) => ({ error: context.afterFlood, afterFlood: null })),
  },
});
