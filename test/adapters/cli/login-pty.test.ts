/**
 * `tgauth login` driven through a pseudo-terminal, as a person would use it: phone + code + 2FA
 * (the password is not echoed), the session file making the next run start logged in, and a QR
 * login approved by "a second device" through the simulator's control API.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CliProcess } from './cli-process.js';

const hasScript = (() => {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const dir = mkdtempSync(join(tmpdir(), 'tgauth-cli-'));
const running: CliProcess[] = [];
const start = (p: CliProcess): CliProcess => {
  running.push(p);
  return p;
};
afterEach(() => {
  for (const p of running.splice(0)) p.kill();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!hasScript)('tgauth login in a pseudo-terminal', () => {
  it('logs in with phone, inbox code and 2FA password; the session file makes the next run start ready', async () => {
    const session = join(dir, 'twofa.session');
    const cli = start(CliProcess.inPty(['login', '--session', session]));
    await cli.expect(/phone number, "qr", "bot <token>" or "pnv <phone>": /);
    cli.type('9996631234');
    const [, code] = await cli.expect(/\[simulator inbox\] code for 9996631234: (\d+)/);
    await cli.expect(/code \(resend by call in \d+s; "edit" changes the number\): /);
    const beforeCode = cli.output.length;
    cli.type(code!);
    await cli.expect(/\[waitPassword hint="hunter2" recovery=true\]/);
    // The code is a secret too: typed blind, never echoed (issue 23).
    expect(cli.output.slice(beforeCode)).not.toContain(code!);
    await cli.expect(/2FA password \(hint: hunter2\), or "recover" for an e-mail code: /);
    const before = cli.output.length;
    cli.type('hunter2');
    await cli.expect(/logged in as Twofa User \(id \d+\)/);
    // The hint happens to be the password: what matters is that the typed answer was not echoed.
    expect(cli.output.slice(before)).not.toContain('hunter2');
    await cli.expect(/press Enter to quit/);
    cli.type('');
    expect(await cli.exited).toBe(0);

    // Second run, piped stdin that ends at once: straight to ready from the file.
    const again = start(CliProcess.piped(['login', '--session', session], 'ignore'));
    await again.expect(/\[ready user=\d+ name="Twofa User"\]/);
    expect(await again.exited).toBe(0);
    expect(again.output).not.toContain('[waitPhoneNumber]');
  });

  it('draws a QR code, prints the link and control URL, and logs in when the control API approves it', async () => {
    const cli = start(CliProcess.inPty(['login']));
    await cli.expect(/phone number, "qr", "bot <token>" or "pnv <phone>": /);
    cli.type('qr');
    await cli.expect(/\[waitQrConfirmation/);
    const [, link] = await cli.expect(/link: (tg:\/\/login\?token=[\w-]+)/);
    const [, controlUrl] = await cli.expect(/control URL: (http:\/\/127\.0\.0\.1:\d+)/);
    const [, userId] = await cli.expect(/approve it as Demo User \(id (\d+)\)/);
    // The QR code is drawn with half blocks above the link.
    expect(cli.output.slice(0, cli.output.indexOf('link: tg://'))).toMatch(/[▀▄█]{5}/);
    await cli.expect(/waiting for the scan/);
    const res = await fetch(`${controlUrl}/qr/approve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: link, userId }),
    });
    expect(res.status).toBe(200);
    await cli.expect(new RegExp(`logged in as Demo User \\(id ${userId}\\)`));
    await cli.expect(/press Enter to quit/);
    cli.type('');
    expect(await cli.exited).toBe(0);
  });

  it('Ctrl-C at a prompt exits 130 and says what the session file kept (issue 23)', async () => {
    const session = join(dir, 'interrupted.session');
    const cli = start(CliProcess.inPty(['login', '--session', session]));
    await cli.expect(/phone number, "qr", "bot <token>" or "pnv <phone>": /);
    cli.type('9996621234');
    await cli.expect(/code \(resend by call in \d+s; "edit" changes the number\): /);
    cli.write('\u0003');
    await cli.expect(/interrupted: .*interrupted\.session keeps the waitCode step; the same command resumes it/);
    expect(await cli.exited).toBe(130);
  });
});
