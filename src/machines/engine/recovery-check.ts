/**
 * Checks an e-mailed 2FA recovery code on its own (auth.checkRecoveryPassword), so a UI can ask for
 * the new password only once the code is known to be right: `recovery.submit` carries both, and a
 * person should not type a new password for a code that was mistyped.
 */
import type { AnyActorRef } from 'xstate';
import { callRpc, checkCodeText, engineError, errorSentence, toAuthError, type AuthError } from '../flow-kit/index.js';
import type { AuthRpc } from '../core/index.js';

/**
 * Undefined when `code` is the right recovery code for the login waiting on `waitPasswordRecovery`,
 * else the error to show (never throws). Nothing is used up: `recovery.submit` follows with the code.
 */
export async function checkRecoveryCode(passwordChild: AnyActorRef | undefined, rpc: AuthRpc, code: string): Promise<AuthError | undefined> {
  const snapshot = passwordChild?.getSnapshot() as { matches(state: string): boolean; context: { dcId: number } } | undefined;
  if (!snapshot?.matches('waitPasswordRecovery')) {
    const message = errorSentence('command.unexpected', { command: 'checkRecoveryCode' });
    return { type: 'COMMAND_UNEXPECTED', code: 'command.unexpected', message, retryable: false };
  }
  const checked = checkCodeText(code);
  if ('reason' in checked) {
    return { type: 'INPUT_INVALID', code: checked.reason, message: errorSentence(checked.reason), retryable: true };
  }
  try {
    // auth.checkRecoveryPassword#d36bf79 code:string = Bool;
    const ok = await callRpc(rpc, snapshot.context.dcId, { _: 'auth.checkRecoveryPassword', code: checked.code });
    return ok ? undefined : engineError('CODE_INVALID', 'The recovery code is not valid');
  } catch (error) {
    return toAuthError(error);
  }
}
