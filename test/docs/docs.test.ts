/**
 * Issue 23: the docs say what the code does. The README's terminal sessions are what `tgauth login`
 * (piped) and `tgauth tour` print, and docs/ERRORS.md's table is `ERROR_MESSAGES`, code for code.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '../../src/machines/index.js';
import { CliProcess } from '../adapters/cli/cli-process.js';

const ROOT = new URL('../../', import.meta.url);
const readme = readFileSync(new URL('README.md', ROOT), 'utf8');
/** Fenced blocks of the README with no language (terminal sessions). */
const sessions = [...readme.matchAll(/^```\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
/** User ids are random per simulator run. */
const normalize = (text: string): string =>
  text
    .replace(/user=\d+/g, 'user=<id>')
    .replace(/\(id \d+\)/g, '(id <id>)')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>');

describe('README terminal sessions', () => {
  it('the login session is what `printf … | tgauth login` prints', async () => {
    const block = sessions.find((s) => s.startsWith('simulator running.'));
    expect(block).toBeDefined();
    expect(readme).toContain("printf '9996631234\\n33333\\nhunter2\\n\\n' | npx tgauth login");
    const cli = CliProcess.piped(['login']);
    try {
      cli.write('9996631234\n33333\nhunter2\n\n');
      expect(await cli.exited).toBe(0);
      expect(normalize(cli.output)).toBe(normalize(block!));
    } finally {
      cli.kill();
    }
  }, 90_000);

  it("the tour excerpt is what `tgauth tour` prints (the transport's own binds run concurrently)", async () => {
    const block = sessions.find((s) => s.startsWith('[2/22]'));
    expect(block).toBeDefined();
    const cli = CliProcess.piped(['tour'], 'ignore');
    try {
      expect(await cli.exited).toBe(0);
      const lines = (text: string): string =>
        normalize(text)
          .split('\n')
          .filter((l) => !l.includes('(by the transport)'))
          .join('\n');
      expect(lines(cli.output)).toContain(lines(block!.replace(/\n$/, '')));
    } finally {
      cli.kill();
    }
  }, 120_000);
});

describe('docs/ERRORS.md', () => {
  it('lists every error code with the sentence the code has', () => {
    const doc = readFileSync(new URL('docs/ERRORS.md', ROOT), 'utf8');
    const rows = [...doc.matchAll(/^\| `([a-z.]+)` \| (.+?) \| .* \|$/gm)].map(
      (m) => [m[1]!, m[2]!.replace(/\\\|/g, '|')] as const,
    );
    expect(Object.fromEntries(rows)).toEqual(ERROR_MESSAGES);
    expect(rows.map(([code]) => code)).toEqual(Object.keys(ERROR_MESSAGES));
  });
});
