/**
 * The web demo (examples/web) end to end in real Chromium over the simulator's WebSocket endpoints:
 * phone + code + 2FA, sign-up, QR approved through the control API while the page waits (the
 * approving user lives on another DC, so the engine must migrate and import the token), the QR
 * redrawn when its token expires, and a reload after login that resumes from IndexedDB in `ready`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  control,
  reportFailure,
  hasChromium,
  latestCode,
  launchDemoBrowser,
  readView,
  snap,
  startDemoWorld,
  waitForStatus,
  type DemoBrowser,
  type DemoPage,
  type DemoWorld,
} from './demo-browser.js';

describe.skipIf(!hasChromium)('web demo in Chromium', () => {
  let world: DemoWorld;
  let browser: DemoBrowser;
  let current: DemoPage | undefined;

  beforeAll(async () => {
    [world, browser] = await Promise.all([startDemoWorld(), launchDemoBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && current) await reportFailure(current, ctx.task.name);
    await current?.close();
    current = undefined;
  });

  async function openPage(): Promise<DemoPage> {
    current = await browser.newPage();
    await current.page.goto(world.demo.url);
    await waitForStatus(current.page, 'waitPhoneNumber', 60_000);
    return current;
  }

  it('logs in by phone, code and 2FA password, then a reload resumes in ready from IndexedDB', async () => {
    const { page } = await openPage();
    await snap(page, 'phone-1-waitPhoneNumber');
    await page.fill('[data-testid="phone"]', '9996631234');
    await page.click('[data-testid="phone-submit"]');

    const codeView = await waitForStatus(page, 'waitCode');
    await snap(page, 'phone-2-waitCode');
    if (codeView.status === 'waitCode' && codeView.nextType && (codeView.resendInSeconds ?? 0) > 1) {
      // The resend button counts down with the engine's clock and stays disabled until zero.
      const resend = page.locator('[data-testid="resend"]');
      await expect(resend.isDisabled()).resolves.toBe(true);
      await expect(resend.textContent()).resolves.toMatch(/in \d+:\d\d/);
      // ...and it really counts down, once a second.
      const start = codeView.resendInSeconds!;
      await page.waitForFunction(
        (from) => (JSON.parse(document.querySelector('[data-testid="view"]')!.textContent!) as { resendInSeconds?: number }).resendInSeconds! < from,
        start,
        { timeout: 5_000 },
      );
    }
    await page.fill('[data-testid="code"]', await latestCode(world, '9996631234'));
    await page.click('[data-testid="code-submit"]');

    const pw = await waitForStatus(page, 'waitPassword');
    expect(pw).toMatchObject({ status: 'waitPassword', hint: 'hunter2' });
    await snap(page, 'phone-3-waitPassword');
    await page.fill('[data-testid="password"]', 'wrong');
    await page.click('[data-testid="password-submit"]');
    await page.waitForSelector('[data-testid="error"]');
    expect(await readView(page)).toMatchObject({ status: 'waitPassword', error: { type: 'PASSWORD_HASH_INVALID' } });
    await page.fill('[data-testid="password"]', 'hunter2');
    await page.click('[data-testid="password-submit"]');

    const ready = await waitForStatus(page, 'ready');
    expect(ready).toMatchObject({ status: 'ready', user: { firstName: 'Twofa', lastName: 'User' } });
    await expect(page.textContent('[data-testid="user-name"]')).resolves.toBe('Twofa User');
    await snap(page, 'phone-4-ready');

    // The session (auth keys per DC, the user) is in the page's IndexedDB database.
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toContain('tgauth-demo');
    await page.reload();
    const resumed = await waitForStatus(page, 'ready', 60_000);
    expect(resumed).toMatchObject({ status: 'ready', user: { id: ready.status === 'ready' ? ready.user.id : '' } });
    await snap(page, 'phone-5-ready-after-reload');
  }, 120_000);

  it('says why it refuses a phone number, in a sentence (issue 23)', async () => {
    const { page } = await openPage();
    await page.fill('[data-testid="phone"]', 'abc');
    await page.click('[data-testid="phone-submit"]');
    await page.waitForSelector('[data-testid="error"]', { timeout: 10_000 });
    expect(await page.textContent('[data-testid="error"]')).toBe(
      'This phone number is not valid: type it with the country code, digits only.',
    );
    expect(await readView(page)).toMatchObject({ status: 'waitPhoneNumber', error: { code: 'phone.invalid' } });
  }, 120_000);

  it('signs a new number up', async () => {
    const { page } = await openPage();
    await page.fill('[data-testid="phone"]', '9996659876');
    await page.click('[data-testid="phone-submit"]');
    await waitForStatus(page, 'waitCode');
    await page.fill('[data-testid="code"]', await latestCode(world, '9996659876'));
    await page.click('[data-testid="code-submit"]');
    const signUp = await waitForStatus(page, 'waitRegistration');
    await snap(page, 'signup-1-waitRegistration');
    await page.fill('[data-testid="first-name"]', 'Newcomer');
    if (signUp.status === 'waitRegistration' && signUp.acceptanceRequired) await page.check('[data-testid="accept-terms"]');
    await page.click('[data-testid="registration-submit"]');
    const ready = await waitForStatus(page, 'ready');
    expect(ready).toMatchObject({ status: 'ready', user: { firstName: 'Newcomer' } });
    await snap(page, 'signup-2-ready');
  }, 120_000);

  it('logs in by QR approved through the control API by a user on another DC (migrate + import)', async () => {
    const { page } = await openPage();
    await page.click('[data-testid="use-qr"]');
    await page.waitForSelector('[data-testid="qr-canvas"][data-link^="tg://login?token="]', { timeout: 30_000 });
    const view = await readView(page);
    if (view.status !== 'waitQrConfirmation' || !view.link) throw new Error(`no QR link: ${JSON.stringify(view)}`);
    // The canvas shows the view's current link, not a stale one.
    expect(await page.getAttribute('[data-testid="qr-canvas"]', 'data-link')).toBe(view.link);
    await snap(page, 'qr-1-waitQrConfirmation');
    // Without a phone at hand the page says how to approve on the simulator (issue 23).
    expect(await page.textContent('[data-testid="qr-approve-hint"]')).toContain(`${world.host.config.controlUrl}/qr/approve`);

    const scanner = world.host.simulator.accounts.list().find((a) => a.phone === '9996641234')!;
    expect(scanner.dcId).not.toBe(world.host.config.dcs[0]!.id);
    await control(world, 'POST', '/qr/approve', { token: view.link, userId: String(scanner.id) });

    const ready = await waitForStatus(page, 'ready');
    expect(ready).toMatchObject({ status: 'ready', user: { id: String(scanner.id), firstName: 'Scanner' } });
    await snap(page, 'qr-2-ready');
    // The authorization lives on the user's DC: the engine followed the migration there.
    const keys = await control<{ dcId: number; userId?: string }[]>(world, 'GET', `/keys?dc=${scanner.dcId}`);
    expect(keys.some((k) => k.userId === String(scanner.id))).toBe(true);
  }, 120_000);

  it('redraws the QR code with a fresh token when the old one expires', async () => {
    const settings = world.host.simulator.state.settings as { qrTtlMs: number };
    const before = settings.qrTtlMs;
    settings.qrTtlMs = 3_000;
    try {
      const { page } = await openPage();
      await page.click('[data-testid="use-qr"]');
      await page.waitForSelector('[data-testid="qr-canvas"][data-link^="tg://login?token="]', { timeout: 30_000 });
      const first = await page.getAttribute('[data-testid="qr-canvas"]', 'data-link');
      const firstPixels = await page.locator('[data-testid="qr-canvas"]').screenshot();
      await page.waitForSelector(`[data-testid="qr-canvas"][data-link^="tg://login?token="]:not([data-link="${first}"])`, {
        timeout: 20_000,
      });
      const second = await readView(page);
      expect(second).toMatchObject({ status: 'waitQrConfirmation' });
      expect(second.status === 'waitQrConfirmation' && second.link).not.toBe(first);
      expect(Buffer.compare(await page.locator('[data-testid="qr-canvas"]').screenshot(), firstPixels)).not.toBe(0);
      await snap(page, 'qr-3-refreshed');
    } finally {
      settings.qrTtlMs = before;
    }
  }, 120_000);
});
