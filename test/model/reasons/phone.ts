/** Why parts of the phone machine(s) are not reached by the replayed paths (see ../unreachable.ts). */
import type { Rule } from './rule.js';

export const PHONE_RULES: readonly Rule[] = [
  [
    /verifyingDevice|requestingFirebaseSms|resendingAfterFirebase|needsFirebaseProof/,
    'not modelled yet: needs a FirebaseHost in the engine options and an account with firebaseRequired',
  ],
  [
    /purchasing|hasPaymentHost/,
    'not modelled yet: needs a PaymentHost (the model submits the form id itself)',
  ],
  [/reportingMissing|code\.reportMissing/, 'not modelled yet: code.reportMissing event'],
  [/email\.reset|waitEmailCode\.resetting/, 'not modelled yet: email.reset after the reset delay'],
  [
    /^phoneLogin\.starting|isResuming/,
    'not modelled yet: resuming a persisted login (added during this work)',
  ],
];
