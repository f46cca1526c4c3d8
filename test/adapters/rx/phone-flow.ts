/**
 * The flow every UI adapter test drives: an engine over the machines' stub RPC and manual clock,
 * phone -> code (with a resend countdown) -> a wrong code -> the right code -> ready.
 */
import { appCode, authorization } from '../../machines/fixtures.js';
import { queued, rig, rpcError, settle, type Rig } from '../../machines/harness.js';

export const PHONE = '9996621234';
export const WRONG_CODE = '11111';
export const RIGHT_CODE = '22222';

/** An engine waiting for the phone number; `auth.signIn` fails once with PHONE_CODE_INVALID. */
export function phoneFlowRig(): Promise<Rig> {
  return rig(
    queued({
      'auth.sendCode': [appCode],
      'auth.signIn': [rpcError(400, 'PHONE_CODE_INVALID'), authorization()],
    }),
  );
}

/** The UI steps, each followed by letting the stub RPC answer. `act` wraps them for React. */
export const steps = {
  phone: async (r: Rig) => {
    r.engine.send({ type: 'phone.submit', phone: PHONE });
    await settle();
  },
  wrongCode: async (r: Rig) => {
    r.engine.send({ type: 'code.submit', code: WRONG_CODE });
    await settle();
    await settle();
  },
  rightCode: async (r: Rig) => {
    r.engine.send({ type: 'code.submit', code: RIGHT_CODE });
    await settle();
    await settle();
  },
};
