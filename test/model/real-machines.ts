/** The real machines the model suite reports on (and other tests walk), by root id. */
import type { AnyStateMachine } from 'xstate';
import {
  authMachine,
  botLoginMachine,
  createDcKeyMachine,
  firebasePnvLoginMachine,
  passkeyLoginMachine,
  passwordMachine,
  phoneLoginMachine,
  qrLoginMachine,
  webTokenLoginMachine,
} from '../../src/machines/index.js';

/** Every real machine, by its root id (the id inspection events carry). */
export function realMachines(): Record<string, AnyStateMachine> {
  const dcKey = createDcKeyMachine({ env: {} as never, rsaKeys: [] } as never);
  const list: AnyStateMachine[] = [
    authMachine,
    phoneLoginMachine,
    passwordMachine,
    qrLoginMachine,
    botLoginMachine,
    webTokenLoginMachine,
    passkeyLoginMachine,
    firebasePnvLoginMachine,
    dcKey as AnyStateMachine,
  ];
  return Object.fromEntries(list.map((m) => [m.id, m]));
}
