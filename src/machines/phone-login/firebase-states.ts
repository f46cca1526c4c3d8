/**
 * The Firebase SMS states of the phone flow (core.telegram.org/api/auth "Firebase"): the host proves device integrity,
 * then auth.requestFirebaseSms; without a usable token (a failure, an empty token, a host that
 * throws) or when the server declines it, next_type at once via auth.resendCode (with the reason).
 * A FLOOD_WAIT on that fallback is shown with its countdown. Split out of phone-login/machine.ts.
 *
 * Its descriptions live in phone-login/descriptions.ts, out of the runtime bundle (issue 11).
 */
import { firebaseChallengeOf } from '../flow-kit/index.js';
import { codeTarget, phoneLoginSetup } from './setup.js';

/** `verifyingDevice`, `requestingFirebaseSms` and `resendingAfterFirebase` of the phone-login machine. */
export const firebaseStates = {
  verifyingDevice: phoneLoginSetup.createStateConfig({
    tags: ['waitCode', 'busy'],
    invoke: {
      id: 'obtainFirebaseProof',
      src: 'obtainFirebaseProof',
      input: ({ context }) => firebaseChallengeOf(context.sent),
      onDone: [
        { guard: 'isProofFailure', target: 'resendingAfterFirebase', actions: 'storeProof' },
        { target: 'requestingFirebaseSms', actions: 'storeProof' },
      ],
      onError: { target: 'resendingAfterFirebase', actions: 'storeProofError' },
    },
  }),
  requestingFirebaseSms: phoneLoginSetup.createStateConfig({
    tags: ['waitCode', 'busy'],
    exit: 'forgetProof',
    invoke: {
      id: 'requestFirebaseSms',
      src: 'requestFirebaseSms',
      input: ({ context }) => ({
        ...codeTarget(context),
        proof: context.firebaseProof ?? { failure: 'no proof' },
      }),
      onDone: [{ guard: 'isTrue', target: 'waitCode' }, { target: 'resendingAfterFirebase' }],
      onError: { target: 'waitCode', actions: 'storeError' },
    },
  }),
  resendingAfterFirebase: phoneLoginSetup.createStateConfig({
    tags: ['waitCode', 'busy'],
    exit: 'forgetProof',
    invoke: {
      id: 'resendCode',
      src: 'resendCode',
      input: ({ context }) => {
        const proof = context.firebaseProof;
        const reason = proof && 'failure' in proof ? proof.failure : undefined;
        return { ...codeTarget(context), ...(reason === undefined ? {} : { reason }) };
      },
      onDone: { target: 'routing', actions: 'storeSentCode' },
      onError: [
        { guard: 'isFloodWait', target: 'waitCode.form.floodWait', actions: 'storeFloodWait' },
        { target: 'waitCode', actions: 'storeError' },
      ],
    },
  }),
};
