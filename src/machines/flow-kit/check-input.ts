/**
 * What a person typed, checked before it leaves the device: a phone number with letters, an empty
 * or non-digit code. Telegram would answer PHONE_NUMBER_INVALID or PHONE_CODE_EMPTY after a round
 * trip (and count the attempt); here the command is refused with a reason at once.
 */
import type { AuthCommand } from './commands.js';
import type { AuthView } from './auth-view.js';
import type { AuthErrorCode } from './error-messages.js';

/** Separators people type inside numbers and codes: spaces, dashes, dots, parentheses. */
const SEPARATORS = /[\s\-.()]/g;

/** The digits of a typed login code, or the reason it is not one. */
export function checkCodeText(text: string): { code: string } | { reason: AuthErrorCode } {
  const code = text.replace(SEPARATORS, '');
  if (code === '') return { reason: 'code.empty' };
  return /^\d+$/.test(code) ? { code } : { reason: 'code.format' };
}

/** True when `text` reads as a phone number: an optional +, then 5 to 15 digits (E.164) and separators. */
export function isPhoneText(text: string): boolean {
  const trimmed = text.trim();
  if (!/^\+?[\d\s\-.()]+$/.test(trimmed)) return false;
  const digits = trimmed.replace(/\D/g, '').length;
  return digits >= 5 && digits <= 15;
}

/** The code-carrying commands and the screen each is for. */
const CODE_SCREENS: Partial<Record<AuthCommand['type'], AuthView['status']>> = {
  'code.submit': 'waitCode',
  'emailCode.submit': 'waitEmailCode',
};

/**
 * The reason `command` is refused on `view` because of what was typed, or undefined (it goes on,
 * possibly with separators removed from a code: the returned `command`). Only the screen that
 * takes the command checks it: elsewhere the machines reject it for being out of place.
 */
export function checkCommandInput(
  command: AuthCommand,
  view: AuthView,
): { reason: AuthErrorCode } | { command: AuthCommand } {
  if (command.type === 'phone.submit' && view.status === 'waitPhoneNumber' && !view.busy) {
    return isPhoneText(command.phone) ? { command } : { reason: 'phone.invalid' };
  }
  if (CODE_SCREENS[command.type] === view.status && !view.busy && 'code' in command && typeof command.code === 'string') {
    // A code.submit on an app/SMS screen; flash calls and missed calls also answer with digits.
    const checked = checkCodeText(command.code);
    return 'reason' in checked ? checked : { command: { ...command, code: checked.code } };
  }
  if (command.type === 'recovery.submit' && view.status === 'waitPasswordRecovery' && typeof command.code === 'string') {
    if (command.code.trim() === '') return { reason: 'code.empty' };
  }
  return { command };
}
