/** Errors of the `tgauth` command line. */
import { TgauthError } from '../../crypto/index.js';

/**
 * A mistake in the command line or in a file it names (`--port 99999`, `--dc nonsense`, an
 * unreadable `--accounts` file): printed as one line, exit code 2, never a stack trace.
 */
export class CliUsageError extends TgauthError {}

/** Exit code of a run the user interrupted with Ctrl-C (128 + SIGINT), as shells report it. */
export const EXIT_INTERRUPTED = 130;

/** Reads and parses the JSON file an option names; any failure is the option's `CliUsageError`. */
export async function readJsonOption(option: string, path: string, read: (path: string) => Promise<string>): Promise<unknown> {
  let text: string;
  try {
    text = await read(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? 'unreadable');
    throw new CliUsageError(`${option} ${path}: ${why}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliUsageError(`${option} ${path}: not valid JSON (${(error as Error).message})`);
  }
}
