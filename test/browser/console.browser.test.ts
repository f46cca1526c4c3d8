/**
 * The simulator console (served by the control server) driven in real Chromium next to the web
 * demo: an account with 2FA created in the console's form; a login in the demo whose code is read
 * from the console's inbox; a QR login approved by one click in the console as an account on
 * another DC (the demo follows the migration); a code expired with the console's clock, which the
 * demo reports; and each of those calls found in the console's RPC log. Screenshots of every step
 * go to test-artifacts/browser/console-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  hasChromium,
  launchDemoBrowser,
  readView,
  reportFailure,
  snap,
  startDemoWorld,
  waitForStatus,
  type DemoBrowser,
  type DemoPage,
  type DemoWorld,
} from './demo-browser.js';

describe.skipIf(!hasChromium)('simulator console in Chromium', () => {
  let world: DemoWorld;
  let browser: DemoBrowser;
  let consolePage: DemoPage;
  let demo: DemoPage | undefined;

  beforeAll(async () => {
    [world, browser] = await Promise.all([startDemoWorld(5195), launchDemoBrowser()]);
    consolePage = await browser.newPage();
    await consolePage.page.goto(world.host.config.consoleUrl!);
    await consolePage.page.waitForSelector('[data-testid="live"]:text("live")');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') {
      await snap(consolePage.page, `failed-console-${ctx.task.name.replace(/\W+/g, '-').slice(0, 40)}`);
      if (demo) await reportFailure(demo, ctx.task.name);
    }
    await demo?.close();
    demo = undefined;
  });

  const tab = async (name: string): Promise<Page> => {
    const { page } = consolePage;
    await page.click(`nav a[data-tab="${name}"]`);
    await page.waitForSelector(`#tab-${name}.active`);
    return page;
  };

  async function openDemo(): Promise<Page> {
    demo = await browser.newPage();
    await demo.page.goto(world.demo.url);
    await waitForStatus(demo.page, 'waitPhoneNumber', 60_000);
    return demo.page;
  }

  /** The RPC log rows for `phone` (and `key`), as [method, result] pairs, oldest first. */
  async function rpcCalls(phone: string, key = ''): Promise<[string, string][]> {
    const page = await tab('rpc');
    await page.fill('[data-testid="rpc-phone"]', phone);
    await page.fill('[data-testid="rpc-key"]', key);
    const rows = await page.$$eval('[data-testid="rpc-row"]', (trs) =>
      trs.map((tr) => [tr.getAttribute('data-method')!, tr.getAttribute('data-result')!] as [string, string]),
    );
    return rows.reverse();
  }

  it('creates a 2FA account in the console; the demo logs in with the code from the console inbox', async () => {
    const page = await tab('accounts');
    // The form says what is wrong before anything is sent, and shows the server's refusals.
    await page.fill('[data-testid="f-phone"]', 'not a phone');
    await page.click('[data-testid="account-submit"]');
    await expect(page.textContent('[data-testid="form-error"]')).resolves.toMatch(
      /phone must be 5 to 15 digits/,
    );
    await page.fill('[data-testid="f-phone"]', '9996631234');
    await page.click('[data-testid="account-submit"]');
    await page.waitForSelector('[data-testid="form-error"]:text("already has an account")');
    await snap(page, 'console-1-form-errors');

    await page.fill('[data-testid="f-phone"]', '9996651111');
    await page.selectOption('[data-testid="f-dcId"]', '5');
    await page.fill('[data-testid="f-firstName"]', 'Console');
    await page.fill('[data-testid="f-lastName"]', 'Tester');
    await page.fill('[data-testid="f-password"]', 'correct horse');
    await page.fill('[data-testid="f-hint"]', 'the horse one');
    await page.fill('[data-testid="f-recoveryEmail"]', 'tester@example.com');
    await page.click('[data-testid="account-submit"]');
    const row = page.locator('[data-testid="account-row"][data-phone="9996651111"]');
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/DC5.*Console Tester.*2FA \(hint the horse one\)/);
    const created = world.host.simulator.accounts.findByPhone('9996651111')!;
    expect(created).toMatchObject({ dcId: 5, firstName: 'Console', password: { hint: 'the horse one' } });
    await snap(page, 'console-2-account-created');

    const app = await openDemo();
    await expect(app.textContent('[data-testid="console-hint"]')).resolves.toMatch(/simulator console/);
    await app.fill('[data-testid="phone"]', '9996651111');
    await app.click('[data-testid="phone-submit"]');
    await waitForStatus(app, 'waitCode');
    expect(await app.getAttribute('[data-testid="console-link"]', 'href')).toBe(
      `${world.host.config.consoleUrl}#inbox`,
    );

    const inbox = await tab('inbox');
    const codeCell = inbox
      .locator('[data-testid="inbox-row"][data-to="9996651111"] [data-testid="inbox-code"]')
      .first();
    await codeCell.waitFor();
    const code = (await codeCell.textContent())!;
    expect(code).toBe('55555');
    await snap(inbox, 'console-3-inbox-code');

    await app.fill('[data-testid="code"]', code);
    await app.click('[data-testid="code-submit"]');
    await expect(waitForStatus(app, 'waitPassword')).resolves.toMatchObject({ hint: 'the horse one' });
    await app.fill('[data-testid="password"]', 'correct horse');
    await app.click('[data-testid="password-submit"]');
    await expect(waitForStatus(app, 'ready')).resolves.toMatchObject({ user: { firstName: 'Console' } });

    // The console reloads a visible table at most once a second: poll until the last call shows.
    await expect
      .poll(() => rpcCalls('9996651111'), { timeout: 10_000 })
      .toEqual(
        expect.arrayContaining([
          ['auth.sendCode', 'auth.sentCode'],
          ['auth.signIn', '401 SESSION_PASSWORD_NEEDED'],
          ['account.getPassword', 'account.password'],
          ['auth.checkPassword', 'auth.authorization'],
        ]),
      );
    await snap(consolePage.page, 'console-4-rpc-log-2fa-login');
  }, 180_000);

  it('approves the demo QR login with one click as an account on another DC', async () => {
    const app = await openDemo();
    await app.click('[data-testid="use-qr"]');
    await app.waitForSelector('[data-testid="qr-canvas"][data-link^="tg://login?token="]', {
      timeout: 30_000,
    });
    const view = await readView(app);
    if (view.status !== 'waitQrConfirmation' || !view.link)
      throw new Error(`no QR link: ${JSON.stringify(view)}`);
    await snap(app, 'console-5-demo-qr-with-console-hint');

    const scanner = world.host.simulator.accounts.findByPhone('9996641234')!;
    const page = await tab('qr');
    const row = page
      .locator('[data-testid="qr-row"]', { has: page.locator('[data-testid="qr-approve"]') })
      .first();
    await row.waitFor();
    const tokenDc = Number((await row.locator('td').nth(1).textContent())!.replace('DC', ''));
    const requesterKey = (await row.locator('td').nth(2).textContent())!;
    expect(scanner.dcId).not.toBe(tokenDc);
    await page.selectOption('[data-testid="qr-as"]', String(scanner.id));
    await snap(page, 'console-6-qr-pending');
    await row.locator('[data-testid="qr-approve"]').click();

    await expect(waitForStatus(app, 'ready')).resolves.toMatchObject({
      user: { id: String(scanner.id), firstName: 'Scanner' },
    });
    await page.waitForSelector('#toast:text("approved as")');
    await snap(page, 'console-7-qr-approved');

    // The page's key asked for the token (filter by key); after the scan the app learns it must
    // migrate, and imports the token on the scanner's DC with another key (filter by phone).
    await expect
      .poll(() => rpcCalls('', requesterKey), { timeout: 10_000 })
      .toEqual(
        expect.arrayContaining([
          ['auth.exportLoginToken', 'auth.loginToken'],
          ['auth.exportLoginToken', 'auth.loginTokenMigrateTo'],
        ]),
      );
    await snap(consolePage.page, 'console-8-rpc-log-qr-by-key');
    await expect
      .poll(() => rpcCalls('9996641234'), { timeout: 10_000 })
      .toContainEqual(['auth.importLoginToken', 'auth.loginTokenSuccess']);

    // DCs and keys: the scanner's DC holds the key the page logged in with; no key bytes anywhere.
    const dcs = await tab('dcs');
    await dcs.waitForSelector('[data-testid="dc-card"]');
    const keyRows = dcs.locator('[data-testid="key-row"]', { hasText: String(scanner.id) });
    await keyRows.first().waitFor();
    await expect(keyRows.first().textContent()).resolves.toMatch(new RegExp(`DC${scanner.dcId}perm`));
    const hex = Buffer.from(world.host.simulator.state.keys.list()[0]!.key.subarray(0, 8)).toString('hex');
    expect(await dcs.content()).not.toContain(hex);
    await snap(dcs, 'console-9b-dcs-and-keys');
    await snap(consolePage.page, 'console-9-rpc-log-qr-by-phone');
  }, 180_000);

  it('expires a code with the console clock; the demo shows PHONE_CODE_EXPIRED', async () => {
    const app = await openDemo();
    await app.fill('[data-testid="phone"]', '9996621234');
    await app.click('[data-testid="phone-submit"]');
    await waitForStatus(app, 'waitCode');

    const inbox = await tab('inbox');
    const codeCell = inbox
      .locator('[data-testid="inbox-row"][data-to="9996621234"] [data-testid="inbox-code"]')
      .first();
    await codeCell.waitFor();
    const code = (await codeCell.textContent())!;

    const clock = await tab('clock');
    const before = world.host.simulator.clock.now();
    await clock.click('[data-testid="clock-expire-code"]');
    await clock.waitForSelector('#toast:text("expire login codes")');
    expect(world.host.simulator.clock.now() - before).toBeGreaterThan(
      world.host.simulator.state.settings.codeTtlMs,
    );
    // The form refuses nonsense with a sentence.
    await clock.fill('[data-testid="clock-seconds"]', '-5');
    await clock.click('[data-testid="clock-advance"]');
    await clock.waitForSelector('#tab-clock .form-error:text("whole number of seconds")');
    await snap(clock, 'console-10-clock-advanced');

    await tab('inbox');
    await inbox.waitForSelector('[data-testid="inbox-row"][data-to="9996621234"] .code.expired');
    await snap(inbox, 'console-11-inbox-code-expired');

    await app.fill('[data-testid="code"]', code);
    await app.click('[data-testid="code-submit"]');
    await app.waitForSelector('[data-testid="error"]');
    expect(await readView(app)).toMatchObject({ error: { type: 'PHONE_CODE_EXPIRED' } });
    await snap(app, 'console-12-demo-code-expired');

    await expect
      .poll(() => rpcCalls('9996621234'), { timeout: 10_000 })
      .toContainEqual(['auth.signIn', '400 PHONE_CODE_EXPIRED']);
    await snap(consolePage.page, 'console-13-rpc-log-expired');
  }, 180_000);
});
