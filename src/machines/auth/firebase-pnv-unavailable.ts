/**
 * What the root runs for `firebasePnv.start` when the host gave no Firebase PNV flow: a one-state
 * machine showing `unsupported`. The real flow (firebase-pnv-login/machine.ts) is opt-in
 * (`firebasePnvFlow(provider)`), so an engine that never offers it does not carry it (issue 24: the
 * browser bundle budget).
 */
import { createMachine } from 'xstate';
import { engineError } from '../flow-kit/index.js';
import type { firebasePnvLoginMachine } from '../firebase-pnv-login/index.js';

/** The stand-in for `firebasePnvLoginMachine`, typed as it (same id, context and view tag). */
export const firebasePnvUnavailableMachine = createMachine({
  id: 'firebasePnvLogin',
  context: {
    dcId: 0,
    migrations: 0,
    phone: '',
    unsupported: true,
    error: engineError('firebasePnv.unsupported', 'no Firebase PNV flow was given to the engine', false),
  },
  initial: 'unsupported',
  states: { unsupported: { tags: ['waitFirebasePnv'] } },
}) as unknown as typeof firebasePnvLoginMachine;
