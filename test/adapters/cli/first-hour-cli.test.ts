/**
 * Issue 23, the command line as a newcomer meets it: `--version` and `help`, every bad argument as
 * one line with exit code 2, refused input explained, codes never echoed, the recovery code checked
 * before the new password is asked, Ctrl-C exiting 130, and `tgauth sim` with the demo accounts
 * that `tgauth login --sim-config|--control-url` can attach to.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CliProcess } from './cli-process.js';

const dir = mkdtempSync(join(tmpdir(), 'tgauth-first-hour-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const running: CliProcess[] = [];
const start = (p: CliProcess): CliProcess => {
  running.push(p);
  return p;
};
afterEach(() => {
  for (const p of running.splice(0)) p.kill();
});

const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('tgauth --version and help', () => {
  it('--version prints the package version', async () => {
    const cli = start(CliProcess.piped(['--version'], 'ignore'));
    expect(await cli.exited).toBe(0);
    const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(cli.output).toBe(`${version}\n`);
  });

  it('help prints the usage with the demo accounts, exit 0', async () => {
    const cli = start(CliProcess.piped(['help'], 'ignore'));
    expect(await cli.exited).toBe(0);
    expect(cli.output).toMatch(/^usage: tgauth <command>/);
    expect(cli.output).toContain('9996621234            code 22222');
  });
});

describe('a bad argument is one line and exit code 2', { timeout: 60_000 }, () => {
  const missing = join(dir, 'missing.json');
  it.each([
    [['login', '--dc', 'nonsense'], /^tgauth: --dc must be production or test \(got "nonsense"\)/],
    [['sim', '--port', '99999'], /^tgauth: --port must be an integer from 1 to 65525 \(got "99999"\)/],
    [['sim', '--accounts', missing], /^tgauth: --accounts \S+missing\.json: no such file/],
    [['sim', '--accounts', file('broken.json', '[{"phone": ')], /^tgauth: --accounts \S+broken\.json: not valid JSON/],
    [['sim', '--accounts', file('shape.json', '[{"phone": 9996621234}]')], /^tgauth: --accounts \S+shape\.json: accounts\[0\]: "phone" must be a string/],
    [['sim', '--dcs', 'many'], /^tgauth: --dcs must be an integer from 1 to 9/],
    [['login', '--api-id', 'abc'], /^tgauth: --api-id must be an integer/],
    [['login', '--sim-config', missing], /^tgauth: --sim-config \S+missing\.json: no such file/],
    [['session', 'export', '--session', file('s.json', '{}'), '--format', 'telethon'], /^tgauth: session export needs the DC addresses/],
    [['sim', '--frobnicate'], /^tgauth: Unknown option '--frobnicate'/],
  ])('%j', async (args, message) => {
    const cli = start(CliProcess.piped(args, 'ignore'));
    expect(await cli.exited).toBe(2);
    expect(cli.output).toMatch(message);
    expect(cli.output.trimEnd().split('\n')).toHaveLength(1);
    expect(cli.output).not.toMatch(/^\s+at /m);
  });
});

describe('tgauth login, piped', { timeout: 90_000 }, () => {
  it('explains refused input, never echoes a code, checks the recovery code before asking the new password', async () => {
    const cli = start(CliProcess.piped(['login']));
    cli.write('abc\n9996631234\n33333\nrecover\n00000\n');
    await cli.expect(/error: This phone number is not valid: type it with the country code, digits only\. \[phone\.invalid\]/);
    await cli.expect(/code \(resend by call in 60s; "edit" changes the number\): \*{5}\n/);
    const [, recoveryCode] = await cli.expect(/\[simulator inbox\] recovery code: (\d+)/);
    await cli.expect(/recovery code sent to \S+: \*{5}\n/);
    await cli.expect(/error: This code is wrong: check it and type it again\. \[code\.invalid\]/);
    expect(cli.output).not.toContain('new 2FA password');
    expect(cli.output).not.toContain('(ignored: phone.submit');
    await cli.expect(/recovery code sent to \S+: /);
    cli.write(`${recoveryCode}\nfresh-secret\n\n`);
    await cli.expect(/new 2FA password/);
    await cli.expect(/logged in as Twofa User/);
    expect(await cli.exited).toBe(0);
    expect(cli.output).not.toContain('fresh-secret');
    expect(cli.output.replace(/\[simulator inbox\][^\n]*/g, '')).not.toMatch(/33333|00000/);
  });

  it('Ctrl-C exits 130 and says nothing was kept without --session', async () => {
    const cli = start(CliProcess.piped(['login']));
    await cli.expect(/phone number, "qr", "bot <token>" or "pnv <phone>": /);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(130);
    expect(cli.output).toContain('tgauth: interrupted: nothing was kept (add --session <file> to keep a login)');
  });
});

// Three processes in a row (a simulator and two logins): minutes, not seconds, on a busy machine.
describe('tgauth sim has the demo accounts; login attaches to it', { timeout: 120_000 }, () => {
  it('--sim-config and --control-url log the README numbers in as their users', async () => {
    const sim = start(CliProcess.piped(['sim'], 'ignore'));
    const [line] = await sim.expect(/^\{.*\}$/m);
    const config = JSON.parse(line) as { controlUrl: string };
    const simConfig = file('sim.json', line);

    const viaFile = start(CliProcess.piped(['login', '--sim-config', simConfig]));
    viaFile.write('9996621234\n22222\n\n');
    await viaFile.expect(/\[simulator inbox\] code for 9996621234: 22222/);
    await viaFile.expect(/logged in as Demo User \(id \d+\)/);
    expect(await viaFile.exited).toBe(0);
    expect(viaFile.output).not.toContain('simulator running');

    const viaUrl = start(CliProcess.piped(['login', '--control-url', config.controlUrl]));
    viaUrl.write('9996631234\n33333\nhunter2\n\n');
    await viaUrl.expect(/logged in as Twofa User \(id \d+\)/);
    expect(await viaUrl.exited).toBe(0);
    sim.child.kill('SIGINT');
    expect(await sim.exited).toBe(0);
  });
});
