/**
 * The questions `tgauth login` asks, one per `AuthView` status, and the command each answer
 * becomes. Secrets typed here (codes, recovery codes, passwords) go straight into `engine.send`
 * (which seals them) and are never echoed or printed: a terminal hides them as they are typed, a
 * piped answer is logged as `*****`.
 */
import { filter, firstValueFrom } from 'rxjs';
import { TgauthError } from '../../crypto/index.js';
import type { AuthCommand, AuthEngine, AuthView } from '../../machines/index.js';
import type { LineReader } from './line-reader.js';

/** What the terminal login uses of an engine: a local one, or a service flow (remoteAuthEngine). */
export type LoginEngine = Pick<AuthEngine, 'state$' | 'getSnapshot'> &
  Partial<Pick<AuthEngine, 'checkRecoveryCode'>> & { send(command: AuthCommand): void };

/**
 * The next view that is not mid-request. Settles on every path: an engine whose view stream errors
 * or ends (stopped, a dropped service stream) rejects instead of leaving the prompt loop waiting.
 */
export function settledView(engine: LoginEngine): Promise<AuthView> {
  return new Promise((resolve, reject) => {
    const sub = engine.state$.subscribe({
      next: (v) => {
        if (v.busy || v.status === 'initializing' || v.status === 'loggingOut') return;
        queueMicrotask(() => sub.unsubscribe());
        resolve(v);
      },
      error: reject,
      complete: () => reject(new TgauthError('the login engine stopped before its next screen')),
    });
  });
}

/** What a prompt needs from the login command. */
export interface PromptContext {
  readonly engine: LoginEngine;
  readonly reader: LineReader;
  readonly say: (line: string) => void;
  /** The newest code the simulator sent to a phone or e-mail pattern (none against Telegram). */
  readonly inbox: (to: string) => Promise<string | undefined>;
  /** The number the simulator's software "device" proves for Firebase PNV (`pnv <phone>`). */
  readonly pnvDevice?: { phone?: string };
}

/** `Promise<string | undefined>` -> trimmed text; `undefined` (input ended) stops the login. */
class InputEnded {}
async function answer(ctx: PromptContext, prompt: string, secret = false): Promise<string> {
  const line = await ctx.reader.ask(prompt, { secret });
  if (line === undefined) throw new InputEnded();
  return secret ? line : line.trim();
}

/** The code prompt, with the resend countdown ticking in a terminal. */
async function askCode(ctx: PromptContext, view: Extract<AuthView, { status: 'waitCode' }>): Promise<string> {
  const deadline = Date.now() + (view.resendInSeconds ?? 0) * 1000;
  const text = (): string => {
    if (view.nextType === undefined) return 'code (or "edit"): ';
    const left = Math.ceil((deadline - Date.now()) / 1000);
    const resend =
      left > 0 ? `resend by ${view.nextType} in ${left}s` : `"resend" sends it by ${view.nextType}`;
    return `code (${resend}; "edit" changes the number): `;
  };
  const tick = ctx.reader.terminal ? setInterval(() => ctx.reader.reprompt(text()), 1000) : undefined;
  try {
    return (await answer(ctx, text(), true)).trim();
  } finally {
    if (tick) clearInterval(tick);
  }
}

async function ask(ctx: PromptContext, view: AuthView): Promise<boolean> {
  const { engine, say } = ctx;
  switch (view.status) {
    case 'waitPhoneNumber': {
      const reply = await answer(ctx, 'phone number, "qr", "bot <token>" or "pnv <phone>": ');
      const bot = /^bot\s+(\S+)$/i.exec(reply);
      const pnv = /^pnv(?:\s+(\S+))?$/i.exec(reply);
      if (reply === '') return true;
      if (pnv) {
        if (ctx.pnvDevice && pnv[1]) ctx.pnvDevice.phone = pnv[1];
        engine.send({ type: 'firebasePnv.start' });
      } else if (reply.toLowerCase() === 'qr') engine.send({ type: 'qr.start' });
      else if (bot) engine.send({ type: 'bot.submit', token: bot[1]! });
      else engine.send({ type: 'phone.submit', phone: reply });
      return true;
    }
    case 'waitCode': {
      const code = await ctx.inbox(view.phone);
      if (code) say(`  [simulator inbox] code for ${view.phone}: ${code}`);
      const reply = await askCode(ctx, view);
      if (reply === 'resend') engine.send({ type: 'code.resend' });
      else if (reply === 'edit') engine.send({ type: 'phone.edit' });
      else engine.send({ type: 'code.submit', code: reply });
      return true;
    }
    case 'waitEmailAddress':
      engine.send({ type: 'email.submit', email: await answer(ctx, 'login e-mail address: ') });
      return true;
    case 'waitEmailCode': {
      const code = await ctx.inbox(view.emailPattern);
      if (code) say(`  [simulator inbox] e-mail code: ${code}`);
      const reply = (await answer(ctx, `code sent to ${view.emailPattern} (or "reset"): `, true)).trim();
      if (reply === 'reset') engine.send({ type: 'email.reset' });
      else engine.send({ type: 'emailCode.submit', code: reply });
      return true;
    }
    case 'waitFirebasePnv':
      if (!view.unsupported && !view.error) {
        // The "device" is proving the number: nothing to ask until the flow moves on or fails.
        await firstValueFrom(
          engine.state$.pipe(filter((v) => v.status !== 'waitFirebasePnv' || v.unsupported || v.error !== undefined)),
        );
        return true;
      }
      say(
        view.unsupported
          ? 'this device cannot verify its phone number (no Digital Credentials API here)'
          : `phone number verification failed: ${view.error?.type ?? 'unknown error'}`,
      );
      await answer(ctx, 'press Enter to go back to the phone number: ');
      engine.send({ type: 'phone.start' });
      return true;
    case 'waitRegistration': {
      say(`no account for ${view.phone || 'this number'} yet: sign up.`);
      if (view.termsOfService) {
        const tos = view.termsOfService;
        say(`terms of service${tos.minAge ? ` (you must be at least ${tos.minAge})` : ''}:`);
        for (const line of tos.text.split('\n')) say(`  | ${line}`);
      }
      const first = await answer(ctx, 'first name: ');
      const last = await answer(ctx, 'last name (optional): ');
      const accept = view.acceptanceRequired
        ? /^y/i.test(await answer(ctx, 'accept the terms of service? [y/N] '))
        : true;
      engine.send({
        type: 'registration.submit',
        firstName: first,
        ...(last ? { lastName: last } : {}),
        acceptTerms: accept,
      });
      return true;
    }
    case 'waitPassword': {
      const hint = view.hint ? ` (hint: ${view.hint})` : '';
      const recover = view.recoveryAvailable ? ', or "recover" for an e-mail code' : '';
      const reply = await answer(ctx, `2FA password${hint}${recover}: `, true);
      if (reply.trim() === 'recover' && view.recoveryAvailable) engine.send({ type: 'recovery.request' });
      else engine.send({ type: 'password.submit', password: reply });
      return true;
    }
    case 'waitPasswordRecovery': {
      const code = await ctx.inbox(view.emailPattern);
      if (code) say(`  [simulator inbox] recovery code: ${code}`);
      const reply = (await answer(ctx, `recovery code sent to ${view.emailPattern}: `, true)).trim();
      // The code is checked first: nobody should type a new password for a mistyped code.
      const wrong = engine.checkRecoveryCode ? await engine.checkRecoveryCode(reply) : undefined;
      if (wrong) {
        say(`  error: ${wrong.message} [${wrong.code}]`);
        return true;
      }
      const fresh = await answer(ctx, 'new 2FA password (empty: remove the password): ', true);
      engine.send({ type: 'recovery.submit', code: reply, ...(fresh ? { newPassword: fresh } : {}) });
      return true;
    }
    case 'waitPayment':
      say(
        `the server asks for a purchase: ${view.storeProduct} (${view.amount} ${view.currency}); not possible here.`,
      );
      return false;
    case 'ready': {
      const name = [view.user.firstName, view.user.lastName].filter(Boolean).join(' ');
      say(`logged in as ${name} (id ${view.user.id})${view.user.bot ? ', a bot' : ''}`);
      const reply = await answer(ctx, 'press Enter to quit, or type "logout": ');
      if (reply !== 'logout') return false;
      engine.send({ type: 'logout.request' });
      return true;
    }
    case 'closed':
      return false;
    default:
      return true;
  }
}

/**
 * A step Telegram could not be reached for (the error says `retryStep`): retry it (Enter) or cancel,
 * before the screen's own question. Backoff goes on in the engine while the user decides.
 */
async function askRetry(ctx: PromptContext, retryStep: 'again' | 'input'): Promise<boolean> {
  const what = retryStep === 'again' ? 'send it again' : 'type it again';
  const reply = (await answer(ctx, `Enter retries (${what}), "cancel" goes back: `)).toLowerCase();
  ctx.engine.send({ type: reply === 'cancel' ? 'step.cancel' : 'step.retry' });
  return true;
}

/** Asks what `view` needs and sends the answer; false when the login is over (or input ended). */
export async function promptFor(ctx: PromptContext, view: AuthView): Promise<boolean> {
  try {
    if (view.error?.retryStep) return await askRetry(ctx, view.error.retryStep);
    return await ask(ctx, view);
  } catch (error) {
    if (error instanceof InputEnded) return false;
    throw error;
  }
}
