/**
 * Abstract model of Firebase PNV login (layer 229) through the root machine: started from the phone
 * screen (or again from its own screens) with what the device proves — a number with an account on
 * the home DC or another one, with 2FA, a new number (terms sent or not), a token the server refuses,
 * init failing, the device failing, a platform without the API — then sign-up (accepted, declined,
 * a blank name, the terms acknowledgement failing), the password, and leaving for every other method.
 * No invokes or delays; the context is the error shown and whether the sign-up carries terms.
 */
import { assign, setup } from 'xstate';

/** What the device proves on `firebasePnv.start` (see the replay's `arrange`). */
export type PnvKind =
  | 'known'
  | 'otherDc'
  | 'twoFA'
  | 'new'
  /** A new number whose sign-up request comes without terms of service (the answer rewritten). */
  | 'newNoTerms'
  | 'forged'
  | 'initFails'
  | 'deviceFails'
  | 'unsupported';

export type RegisterOutcome = 'accepted' | 'declined' | 'blank' | 'termsRejected';

export type PnvModelEvent =
  | { type: 'PNV_START'; kind: PnvKind }
  | { type: 'REGISTER'; outcome: RegisterOutcome }
  | { type: 'SUBMIT_PASSWORD' }
  | { type: 'PHONE_START' }
  | { type: 'QR_START' }
  | { type: 'PASSKEY_START' }
  | { type: 'BOT_SUBMIT' }
  | { type: 'WEB_TOKEN_SUBMIT' };

export interface PnvModelContext {
  error: string | null;
  terms: boolean;
}

/** The error the flow's own screen shows after `kind` (undefined: it moves on). */
export const PNV_ERRORS: Partial<Record<PnvKind, string>> = {
  forged: 'GOOGLE_TOKEN_INVALID',
  initFails: 'INTERNAL',
  deviceFails: 'firebasePnv.noCredential',
  unsupported: 'firebasePnv.unsupported',
};

const kindOf = (e: PnvModelEvent): PnvKind | undefined => (e.type === 'PNV_START' ? e.kind : undefined);
const set = (change: Partial<PnvModelContext>) => ({ type: 'set' as const, params: change });
const fresh = { error: null, terms: false };

const start = {
  PNV_START: [
    { guard: 'pnvFails', target: '#pnv.waitFirebasePnv', actions: 'pnvError' },
    { guard: 'pnvAsks2FA', target: '#pnv.waitPassword', actions: set(fresh) },
    { guard: 'pnvSignsUp', target: '#pnv.waitRegistration', actions: 'signUpTerms' },
    { target: '#pnv.ready', actions: set(fresh) },
  ],
} as const;

/** What the Firebase PNV screens offer: start again, or switch to another method (the root's `switchFlow`). */
const leave = {
  ...start,
  PHONE_START: { target: '#pnv.waitPhoneNumber', actions: set(fresh) },
  QR_START: { target: '#pnv.waitQrConfirmation', actions: set(fresh) },
  PASSKEY_START: { target: '#pnv.waitPasskey', actions: set({ ...fresh, error: 'passkey.unavailable' }) },
  BOT_SUBMIT: { target: '#pnv.waitPhoneNumber', actions: set({ ...fresh, error: 'ACCESS_TOKEN_INVALID' }) },
  WEB_TOKEN_SUBMIT: { target: '#pnv.waitPhoneNumber', actions: set({ ...fresh, error: 'WEBAUTH_TOKEN_EXPIRED' }) },
} as const;

const outcome = (e: PnvModelEvent): RegisterOutcome | undefined => (e.type === 'REGISTER' ? e.outcome : undefined);

export const pnvModel = setup({
  types: { context: {} as PnvModelContext, events: {} as PnvModelEvent },
  guards: {
    pnvFails: ({ event }) => PNV_ERRORS[kindOf(event)!] !== undefined,
    pnvAsks2FA: ({ event }) => kindOf(event) === 'twoFA',
    pnvSignsUp: ({ event }) => kindOf(event) === 'new' || kindOf(event) === 'newNoTerms',
    /** Declining is refused only when there are terms to accept. */
    declinedTerms: ({ context, event }) => outcome(event) === 'declined' && context.terms,
    blankName: ({ event }) => outcome(event) === 'blank',
  },
  actions: {
    set: assign((_, params: Partial<PnvModelContext>) => params),
    pnvError: assign(({ event }) => ({ ...fresh, error: PNV_ERRORS[kindOf(event)!] ?? null })),
    signUpTerms: assign(({ event }) => ({ error: null, terms: kindOf(event) === 'new' })),
  },
}).createMachine({
  id: 'pnv',
  context: fresh,
  initial: 'waitPhoneNumber',
  states: {
    waitPhoneNumber: { on: start },
    waitFirebasePnv: { on: leave },
    waitRegistration: {
      on: {
        ...leave,
        REGISTER: [
          { guard: 'declinedTerms', actions: set({ error: 'TERMS_NOT_ACCEPTED' }) },
          { guard: 'blankName', actions: set({ error: 'FIRSTNAME_INVALID' }) },
          { target: 'ready', actions: set(fresh) },
        ],
      },
    },
    waitPassword: { on: { SUBMIT_PASSWORD: { target: 'ready', actions: set(fresh) } } },
    waitQrConfirmation: {},
    waitPasskey: {},
    ready: {},
  },
});

/** Every event case the replay knows how to perform. */
export const pnvEventCases: PnvModelEvent[] = [
  ...(['known', 'otherDc', 'twoFA', 'new', 'newNoTerms', 'forged', 'initFails', 'deviceFails', 'unsupported'] as const).map(
    (kind) => ({ type: 'PNV_START' as const, kind }),
  ),
  ...(['accepted', 'declined', 'blank', 'termsRejected'] as const).map((o) => ({ type: 'REGISTER' as const, outcome: o })),
  { type: 'SUBMIT_PASSWORD' },
  { type: 'PHONE_START' },
  { type: 'QR_START' },
  { type: 'PASSKEY_START' },
  { type: 'BOT_SUBMIT' },
  { type: 'WEB_TOKEN_SUBMIT' },
];
