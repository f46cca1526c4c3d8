/**
 * `tgauth login` on a DC error (issue 21): instead of only printing the error it offers the retry
 * (Enter) or cancel, and sends `step.retry` / `step.cancel`; other errors keep the screen's question.
 */
import { BehaviorSubject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { promptFor, type PromptContext } from '../../../src/adapters/cli/login-prompts.js';
import type { AuthCommand, AuthView } from '../../../src/machines/index.js';

function contextWith(lines: string[], view: AuthView): { ctx: PromptContext; sent: AuthCommand[]; prompts: string[] } {
  const sent: AuthCommand[] = [];
  const prompts: string[] = [];
  const view$ = new BehaviorSubject(view);
  const ctx: PromptContext = {
    engine: { state$: view$, getSnapshot: () => view$.value, send: (c) => sent.push(c) },
    reader: {
      ask: (prompt: string) => {
        prompts.push(prompt);
        return Promise.resolve(lines.shift());
      },
      reprompt: () => undefined,
      terminal: false,
      onInterrupt: () => () => undefined,
    } as unknown as PromptContext['reader'],
    say: () => undefined,
    inbox: () => Promise.resolve(undefined),
  };
  return { ctx, sent, prompts };
}

const dcError = (retryStep: 'again' | 'input'): AuthView => ({
  status: 'waitPhoneNumber',
  busy: false,
  error: { type: 'DC_UNREACHABLE', code: 'network', message: 'Cannot reach Telegram', retryable: true, dcId: 1, retryStep },
});

describe('tgauth login on a DC error', () => {
  it('Enter retries the step', async () => {
    const { ctx, sent, prompts } = contextWith([''], dcError('again'));
    expect(await promptFor(ctx, ctx.engine.getSnapshot())).toBe(true);
    expect(sent).toEqual([{ type: 'step.retry' }]);
    expect(prompts).toEqual(['Enter retries (send it again), "cancel" goes back: ']);
  });

  it('"cancel" cancels it; a step with a secret says it must be typed again', async () => {
    const { ctx, sent, prompts } = contextWith(['cancel'], dcError('input'));
    await promptFor(ctx, ctx.engine.getSnapshot());
    expect(sent).toEqual([{ type: 'step.cancel' }]);
    expect(prompts[0]).toContain('type it again');
  });

  it('another error keeps the screen question', async () => {
    const view: AuthView = { status: 'waitPhoneNumber', busy: false, error: { type: 'PHONE_NUMBER_INVALID', code: 'phone.invalid', message: 'bad', retryable: true } };
    const { ctx, sent } = contextWith(['9996621234'], view);
    await promptFor(ctx, view);
    expect(sent).toEqual([{ type: 'phone.submit', phone: '9996621234' }]);
  });
});
