/**
 * The rest of `tgauth login`'s screens, piped and driven expect-style: sign-up of a new number
 * with the terms of service shown, and a forgotten 2FA password recovered by the e-mail code that
 * the simulator's inbox shows.
 */
import { describe, expect, it } from 'vitest';
import { CliProcess } from './cli-process.js';

describe('tgauth login: sign-up and recovery', () => {
  it('shows the terms and signs a new number up', async () => {
    const cli = CliProcess.piped(['login']);
    try {
      await cli.expect(/phone number, "qr", "bot <token>" or "pnv <phone>": /);
      cli.write('9996615555\n');
      const [, code] = await cli.expect(/\[simulator inbox\] code for 9996615555: (\d+)/);
      cli.write(`${code}\n`);
      await cli.expect(/no account for 9996615555 yet: sign up\./);
      await cli.expect(/terms of service.*:\n {2}\| \S/);
      await cli.expect(/first name: /);
      cli.write('New\nComer\ny\n');
      await cli.expect(/logged in as New Comer \(id \d+\)/);
      cli.write('\n');
      expect(await cli.exited).toBe(0);
    } finally {
      cli.kill();
    }
  });

  it('recovers a forgotten 2FA password with the e-mail code', async () => {
    const cli = CliProcess.piped(['login']);
    try {
      cli.write('9996631234\n33333\n');
      await cli.expect(/or "recover" for an e-mail code: /);
      cli.write('recover\n');
      const [, code] = await cli.expect(/\[simulator inbox\] recovery code: (\d+)/);
      await cli.expect(/recovery code sent to \S+@example\.com: /);
      cli.write(`${code}\nnew secret\n\n`);
      await cli.expect(/logged in as Twofa User \(id \d+\)/);
      expect(await cli.exited).toBe(0);
      expect(cli.output).not.toContain('new secret');
    } finally {
      cli.kill();
    }
  });
});
