/**
 * Runs `tgauth` (src/adapters/cli/main.ts under tsx) as a real process for the CLI tests, either
 * inside a pseudo-terminal (util-linux `script`, since node has no pty module) or with plain pipes,
 * and waits for its output expect-style.
 */
import { spawn, type ChildProcess } from 'node:child_process';

const ROOT = new URL('../../../', import.meta.url).pathname;
const TSX = `${ROOT}node_modules/.bin/tsx`;
const MAIN = `${ROOT}src/adapters/cli/main.ts`;

/** `ESC [ … letter` and other escape sequences, and carriage returns: the tests read plain text. */
const ESC = String.fromCharCode(0x1b);
const CSI = new RegExp(`${ESC}\\[[0-9;?]*[A-Za-z]`, 'g');
const CHARSET = new RegExp(`${ESC}[()][A-Z0-9]`, 'g');
const strip = (s: string): string => s.replace(CSI, '').replace(CHARSET, '').replace(/\r/g, '');

/** A running `tgauth`. */
export class CliProcess {
  private raw = '';
  private cursor = 0;
  private readonly waiters = new Set<() => void>();
  readonly exited: Promise<number | null>;

  private constructor(readonly child: ChildProcess) {
    const take = (chunk: Buffer): void => {
      this.raw += chunk.toString('utf8');
      for (const w of this.waiters) w();
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    void this.exited.then(() => {
      for (const w of this.waiters) w();
    });
  }

  /** `tgauth <args>` in a pseudo-terminal: its stdin and stdout are a TTY. */
  static inPty(args: string[]): CliProcess {
    const command = [TSX, MAIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    // -q quiet, -f flush each write, -e pass the exit code, -c the command; the typescript goes nowhere.
    return new CliProcess(spawn('script', ['-qfec', command, '/dev/null'], { cwd: ROOT, stdio: 'pipe' }));
  }

  /** `tgauth <args>` with pipes (stdin not a TTY). */
  static piped(args: string[], stdin: 'pipe' | 'ignore' = 'pipe'): CliProcess {
    return new CliProcess(spawn(TSX, [MAIN, ...args], { cwd: ROOT, stdio: [stdin, 'pipe', 'pipe'] }));
  }

  /** Everything printed so far, escape sequences removed. */
  get output(): string {
    return strip(this.raw);
  }

  /** Waits until the output after the last match matches `pattern`; returns the match. */
  expect(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      const waiter = (): void => {
        const m = pattern.exec(this.output.slice(this.cursor));
        if (m) {
          done();
          this.cursor += m.index + m[0].length;
          resolve(m);
        } else if (this.child.exitCode !== null) {
          done();
          reject(new Error(`exited before ${String(pattern)}; output:\n${this.output}`));
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out waiting for ${String(pattern)}; output:\n${this.output}`));
      }, timeoutMs);
      this.waiters.add(waiter);
      waiter();
    });
  }

  /** Types `text` and Enter (a terminal in raw mode sends CR). */
  type(text: string): void {
    this.child.stdin?.write(`${text}\r`);
  }

  /** Writes `text` to a piped stdin as is. */
  write(text: string): void {
    this.child.stdin?.write(text);
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
  }
}
