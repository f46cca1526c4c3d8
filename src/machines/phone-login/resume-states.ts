/**
 * The context a resumed phone login starts with (durable engine): the sent code and its hash, plus
 * what the screen the user had reached needs — the masked address of a login e-mail being set up,
 * the terms of service of a sign-up, the form id of a paid login still pending. The `starting`
 * state routes on `resuming`. Nothing here is sent: the server keeps the login under that hash, and
 * a hash that expired meanwhile is answered PHONE_CODE_EXPIRED / PHONE_HASH_EXPIRED on first use,
 * which every screen already handles by going back to the number.
 */
import { phoneCodeHashOf } from '../flow-kit/index.js';
import type { PhoneLoginContext, PhoneLoginInput, ResumeTarget } from './setup.js';

/** Where a resumed code login goes: the most specific step its record names. */
function targetOf(resume: NonNullable<PhoneLoginInput['resume']>): ResumeTarget {
  if ('passwordNeeded' in resume) return 'password';
  if (resume.paymentFormId !== undefined) return 'paymentCheck';
  if (resume.signUp) return 'registration';
  if (resume.emailSetup) return 'emailCode';
  return 'code';
}

/** The part of the initial context `input.resume` fills (nothing without one). */
export function resumedContext(resume: PhoneLoginInput['resume']): Partial<PhoneLoginContext> {
  if (!resume) return {};
  const resuming = targetOf(resume);
  if ('passwordNeeded' in resume) return { resuming };
  const hash = phoneCodeHashOf(resume.sent);
  return {
    sent: resume.sent,
    ...(hash === undefined ? {} : { phoneCodeHash: hash }),
    ...(resume.emailSetup ? { emailSetup: resume.emailSetup } : {}),
    ...(resume.signUp?.termsOfService ? { termsOfService: resume.signUp.termsOfService } : {}),
    ...(resume.paymentFormId === undefined ? {} : { formId: resume.paymentFormId }),
    resuming,
  };
}
