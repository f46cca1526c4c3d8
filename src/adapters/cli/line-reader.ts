/**
 * Line input for the interactive login, on top of `node:readline`. `readline`'s own `question()`
 * drops a line that arrives while no question is pending (piped stdin delivers everything at
 * once), so every line is queued here and handed to the next `ask`. In a terminal, secret answers
 * are not echoed, and the prompt can be redrawn (the resend countdown) without losing the typing.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

/** How one question is asked. */
export interface AskOptions {
  /** Do not echo what is typed (TTY); shown as `*****` when input is piped. */
  secret?: boolean;
  /** Stop waiting; the line that would have answered stays queued for the next `ask`. */
  signal?: AbortSignal;
}

/** Queued line input with prompts. */
export interface LineReader {
  /** The next line, or `undefined` once input has ended (or `signal` aborted). */
  ask(prompt: string, options?: AskOptions): Promise<string | undefined>;
  /** Redraws the pending question with a new prompt, keeping what was typed (TTY only). */
  reprompt(prompt: string): void;
  /** True when input is a terminal (echo and line editing by readline). */
  readonly terminal: boolean;
  /** Calls `listener` on Ctrl-C typed in the terminal (readline takes it from the process). */
  onInterrupt(listener: () => void): void;
  close(): void;
}

/** Reads lines from `input`, writing prompts (and echo, in a terminal) to `output`. */
export function createLineReader(
  input: NodeJS.ReadableStream & { isTTY?: boolean },
  output: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
): LineReader {
  const terminal = input.isTTY === true && output.isTTY === true;
  let muted = false;
  // readline echoes through its output: a proxy that can be muted hides a secret as it is typed.
  const proxy = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      if (!muted) output.write(chunk);
      callback();
    },
  });
  Object.defineProperty(proxy, 'columns', { get: () => output.columns || 80 });
  const rl = createInterface({ input, output: proxy, terminal });
  const lines: string[] = [];
  let ended = false;
  let waiter: ((line: string | undefined) => void) | undefined;
  rl.on('line', (line) => {
    if (waiter) waiter(line);
    else lines.push(line);
  });
  rl.on('close', () => {
    ended = true;
    waiter?.(undefined);
  });

  return {
    terminal,
    onInterrupt(listener) {
      rl.on('SIGINT', listener);
    },
    ask(prompt, options = {}) {
      rl.setPrompt(prompt);
      rl.prompt();
      const done = (line: string | undefined): string | undefined => {
        waiter = undefined;
        if (muted) {
          muted = false;
          output.write('\n');
        }
        if (!terminal && line !== undefined) output.write(`${options.secret ? '*****' : line}\n`);
        return line;
      };
      if (lines.length > 0) return Promise.resolve(done(lines.shift()));
      if (ended || options.signal?.aborted) return Promise.resolve(done(undefined));
      if (options.secret && terminal) muted = true;
      return new Promise((resolve) => {
        const onAbort = (): void => {
          if (muted) muted = false;
          waiter = undefined;
          output.write('\n');
          resolve(undefined);
        };
        options.signal?.addEventListener('abort', onAbort, { once: true });
        waiter = (line) => {
          options.signal?.removeEventListener('abort', onAbort);
          resolve(done(line));
        };
      });
    },
    reprompt(prompt) {
      if (!terminal || waiter === undefined || muted) return;
      rl.setPrompt(prompt);
      rl.prompt(true);
    },
    close: () => rl.close(),
  };
}
