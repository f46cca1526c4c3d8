/**
 * `tgauth login` with piped stdin: every answer arrives at once, before the questions are asked.
 * None may be lost (readline's `question()` alone would drop them), and the session ends ready.
 */
import { describe, expect, it } from 'vitest';
import { CliProcess } from './cli-process.js';

describe('tgauth login with piped stdin', () => {
  it('uses lines that arrived before their question (phone, code, 2FA password)', async () => {
    const cli = CliProcess.piped(['login']);
    try {
      // 9996631234 lives on DC 3, whose simulated codes are 33333.
      cli.write('9996631234\n33333\nhunter2\n\n');
      await cli.expect(/logged in as Twofa User \(id \d+\)/);
      expect(await cli.exited).toBe(0);
      // Piped answers are echoed for the log, secrets masked: the login code is one (issue 23).
      expect(cli.output).toContain('code (resend by call in 60s; "edit" changes the number): *****');
      expect(cli.output.split('[simulator inbox] code for 9996631234: 33333').join('')).not.toContain('33333');
      expect(cli.output).toMatch(/or "recover" for an e-mail code: \*\*\*\*\*\n/);
    } finally {
      cli.kill();
    }
  });

  it("logs in with Firebase PNV: the simulator's software device proves a new number, sign-up follows", async () => {
    const cli = CliProcess.piped(['login']);
    try {
      // 9996651234 has no account: it signs up (first name, no last name, terms accepted), on DC 5.
      cli.write('pnv 9996651234\nPia\n\ny\n\n');
      await cli.expect(/logged in as Pia \(id \d+\)/);
      expect(await cli.exited).toBe(0);
      expect(cli.output).toContain('[waitRegistration');
    } finally {
      cli.kill();
    }
  });
});
