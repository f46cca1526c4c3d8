/**
 * Between the host and the root actor: what the host's `command.rejected` listeners hear (a reason
 * code and a sentence, never the engine's own internal commands), a refused input shown as the
 * view's error, and the view's error sentences in the host's language (`messages`).
 */
import type { Actor, AnyActorLogic } from 'xstate';
import {
  errorSentence,
  type AuthError,
  type AuthErrorCode,
  type AuthView,
  type CommandRejected,
  type ErrorMessages,
} from '../flow-kit/index.js';

/** What `engine.on('command.rejected')` listeners receive: the command, why, and a sentence to show. */
export interface CommandRejection extends CommandRejected {
  /**
   * `'command.unexpected'` (not possible on this screen), `'retry.unavailable'` / `'cancel.unavailable'`
   * (a `step.*` command with nothing to act on), or what was wrong with the input (`'phone.invalid'`).
   */
  readonly reason: AuthErrorCode;
  readonly message: string;
}

/** Rejections, refusals and the sentences of one engine. */
export class CommandGate {
  private readonly listeners = new Set<(event: CommandRejection) => void>();
  /** > 0 while the engine itself sends a command: its rejection is nobody's business but the engine's. */
  private internal = 0;
  private refused: { status: AuthView['status']; error: AuthError } | undefined;
  /** Rejections the machines reported so far: the engine compares it around a send to learn whether the command was taken. */
  rejections = 0;

  constructor(private readonly messages: ErrorMessages | undefined) {}

  /** Forwards the machines' `command.rejected` (the command was out of place) to the listeners. */
  listen(actor: Actor<AnyActorLogic>): void {
    actor.on('command.rejected', (event: CommandRejected) => {
      this.rejections++;
      if (this.internal === 0) this.report(event.command, 'command.unexpected');
    });
  }

  on(listener: (event: CommandRejection) => void): { unsubscribe(): void } {
    this.listeners.add(listener);
    return { unsubscribe: () => this.listeners.delete(listener) };
  }

  /** Sends a command of the engine's own (a logout after the key was lost): never reported. */
  internalSend(actor: Actor<AnyActorLogic>, event: { type: string }): void {
    this.internal++;
    try {
      actor.send(event);
    } finally {
      this.internal--;
    }
  }

  /** Refuses `command` for `reason` on the screen `status`: listeners hear it, the view shows it. */
  refuse(command: string, reason: AuthErrorCode, status: AuthView['status']): void {
    const message = this.report(command, reason);
    this.refused = { status, error: { type: 'INPUT_INVALID', code: reason, message, retryable: true } };
  }

  /** Rejects `command` for `reason` without touching the view (a `step.retry` with nothing to retry). */
  reject(command: string, reason: AuthErrorCode): void {
    this.report(command, reason);
  }

  /** Forgets a shown refusal (the next command went through); true when there was one. */
  clearRefusal(): boolean {
    const had = this.refused !== undefined;
    this.refused = undefined;
    return had;
  }

  /** The view as the host sees it: a refusal on its screen, error sentences in the host's language. */
  present(view: AuthView): AuthView {
    if (this.refused && this.refused.status !== view.status) this.refused = undefined;
    if (this.refused && !view.error && !view.busy) return { ...view, error: this.refused.error };
    // The sentence is made again each time: a flood wait's seconds count down, a host may translate.
    if (!view.error) return view;
    const vars = { type: view.error.type, ...(view.error.retryInSeconds === undefined ? {} : { seconds: view.error.retryInSeconds }) };
    return { ...view, error: { ...view.error, message: errorSentence(view.error.code, vars, this.messages) } };
  }

  private report(command: string, reason: AuthErrorCode): string {
    const message = errorSentence(reason, { command }, this.messages);
    for (const listener of [...this.listeners]) listener({ type: 'command.rejected', command, reason, message });
    return message;
  }
}
