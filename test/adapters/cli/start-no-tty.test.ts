/**
 * `npm start` (`tgauth start`) with stdin not a terminal, as in CI: it runs the scripted tour
 * against a fresh simulator and exits 0 once every flow passed.
 */
import { describe, expect, it } from 'vitest';
import { CliProcess } from './cli-process.js';

describe('tgauth start without a TTY', () => {
  it('runs the tour, prints "tour passed" and exits 0', async () => {
    const cli = CliProcess.piped(['start'], 'ignore');
    try {
      await cli.expect(/tour passed: \d+ flows/, 45_000);
      expect(await cli.exited).toBe(0);
      // It really toured: the protocol under the views is printed.
      expect(cli.output).toContain('-> auth.sendCode');
      // Every auth.* method of the pinned layer (229: 29, the Firebase PNV three included).
      expect(cli.output).toContain('auth.* methods called: 29/29');
      expect(cli.output).not.toMatch(/phone number, "qr"/);
    } finally {
      cli.kill();
    }
  }, 50_000);
});
