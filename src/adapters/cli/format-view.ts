/** Renders an `AuthView` as one line of text for the terminal login and the tour. */
import type { AuthView } from '../../machines/index.js';

/** One line describing what a UI would show for `view` (never anything secret: views carry none). */
export function formatView(view: AuthView): string {
  const parts: string[] = [view.status];
  switch (view.status) {
    case 'waitCode': {
      const info = view.codeInfo;
      parts.push(`phone=${view.phone}`, `type=${info.type}`);
      if ('length' in info) parts.push(`length=${info.length}`);
      if ('pattern' in info) parts.push(`pattern=${info.pattern}`);
      if ('url' in info) parts.push(`url=${info.url}`);
      if (view.nextType) parts.push(`next=${view.nextType}`);
      if (view.resendInSeconds !== undefined) parts.push(`resendIn=${view.resendInSeconds}s`);
      break;
    }
    case 'waitEmailAddress':
      parts.push(`phone=${view.phone}`);
      break;
    case 'waitEmailCode':
      parts.push(`purpose=${view.purpose}`, `email=${view.emailPattern}`, `length=${view.length}`);
      if (view.resetAvailableInSeconds !== undefined) parts.push(`resetIn=${view.resetAvailableInSeconds}s`);
      if (view.resetPendingDate !== undefined) parts.push(`resetPending=${view.resetPendingDate}`);
      break;
    case 'waitRegistration':
      parts.push(`acceptanceRequired=${view.acceptanceRequired}`);
      if (view.termsOfService) parts.push(`terms=${JSON.stringify(view.termsOfService.text.slice(0, 40))}`);
      break;
    case 'waitPassword':
      if (view.hint !== undefined) parts.push(`hint=${JSON.stringify(view.hint)}`);
      parts.push(`recovery=${view.recoveryAvailable}`);
      if (view.recoveryEmailPattern) parts.push(`recoveryEmail=${view.recoveryEmailPattern}`);
      break;
    case 'waitPasswordRecovery':
      parts.push(`email=${view.emailPattern}`);
      break;
    case 'waitPayment':
      parts.push(
        `product=${view.storeProduct}`,
        `price=${view.amount} ${view.currency}`,
        `pending=${view.pending}`,
      );
      if (view.nextCheckInSeconds !== undefined) parts.push(`nextCheckIn=${view.nextCheckInSeconds}s`);
      break;
    case 'ready': {
      const u = view.user;
      parts.push(
        `user=${u.id}`,
        `name=${JSON.stringify([u.firstName, u.lastName].filter(Boolean).join(' '))}`,
      );
      if (u.bot) parts.push('bot');
      break;
    }
    default:
      break;
  }
  for (const [key, value] of Object.entries(view)) {
    if (['status', 'busy', 'error'].includes(key) || parts.some((p) => p.startsWith(`${key}=`))) continue;
    if (typeof value === 'string' && key === 'link') parts.push(`link=${value}`);
    if (key === 'expiresInSeconds' && typeof value === 'number') parts.push(`expiresIn=${value}s`);
  }
  if (view.busy) parts.push('(busy)');
  if (view.error) {
    const retry = view.error.retryInSeconds === undefined ? '' : ` retryIn=${view.error.retryInSeconds}s`;
    parts.push(`error=${view.error.type}${view.error.retryable ? ' (retryable)' : ''}${retry}`);
  }
  return parts.join(' ');
}
