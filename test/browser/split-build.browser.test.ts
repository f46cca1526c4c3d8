/**
 * Issue 26: the web demo's production build is split. The first load carries the engine with the
 * phone-code and password flows; the QR flow and the token logins (bot, web token) are chunks of
 * their own, fetched only when chosen. A chunk that fails to load is an error on the phone screen,
 * and choosing the method again retries.
 */
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

const QR_CHUNK = /\/assets\/qr-login-[\w-]+\.js$/;
const TOKEN_CHUNK = /\/assets\/token-login-[\w-]+\.js$/;

describe.skipIf(!hasChromium)('split browser build in Chromium', () => {
  let world: DemoWorld;
  let browser: DemoBrowser;
  let current: DemoPage | undefined;

  beforeAll(async () => {
    [world, browser] = await Promise.all([startDemoWorld(5194), launchDemoBrowser()]);
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

  /** A fresh page on the phone screen, with every script URL it requested. */
  async function openPage(): Promise<{ page: DemoPage['page']; scripts: string[] }> {
    current = await browser.newPage();
    const scripts: string[] = [];
    current.page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await current.page.goto(world.demo.url);
    await waitForStatus(current.page, 'waitPhoneNumber', 60_000);
    return { page: current.page, scripts };
  }

  it('fetches the QR chunk only when QR is chosen, then shows the QR code', async () => {
    const { page, scripts } = await openPage();
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((u) => QR_CHUNK.test(u) || TOKEN_CHUNK.test(u))).toEqual([]);

    await page.click('[data-testid="use-qr"]');
    await page.waitForSelector('[data-testid="qr-canvas"][data-link^="tg://login?token="]', {
      timeout: 30_000,
    });
    expect(scripts.filter((u) => QR_CHUNK.test(u))).toHaveLength(1);
    // gzip_packed's DEFLATE decoder is a chunk of its own too, fetched once the engine dials.
    expect(scripts.filter((u) => /\/assets\/inflate-[\w-]+\.js$/.test(u))).toHaveLength(1);
    expect(await readView(page)).toMatchObject({ status: 'waitQrConfirmation' });
    await snap(page, 'split-1-qr-loaded-on-demand');
  }, 120_000);

  it('a QR chunk that fails to load is an error on the phone screen; choosing QR again loads it', async () => {
    const { page, scripts } = await openPage();
    await page.route(QR_CHUNK, (route) => route.abort('connectionreset'));
    await page.click('[data-testid="use-qr"]');
    await page.waitForSelector('[data-testid="error"]', { timeout: 30_000 });
    expect(await readView(page)).toMatchObject({
      status: 'waitPhoneNumber',
      busy: false,
      error: { type: 'FLOW_LOAD_FAILED', retryable: true },
    });
    await snap(page, 'split-2-chunk-load-failed');

    await page.unroute(QR_CHUNK);
    await page.click('[data-testid="use-qr"]');
    await page.waitForSelector('[data-testid="qr-canvas"][data-link^="tg://login?token="]', {
      timeout: 30_000,
    });
    const view = await readView(page);
    expect(view).toMatchObject({ status: 'waitQrConfirmation' });
    expect(view.error).toBeUndefined();
    expect(scripts.filter((u) => QR_CHUNK.test(u)).length).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('a bot token whose chunk fails to load is an error on the phone screen; a new bot.submit loads it', async () => {
    const { page, scripts } = await openPage();
    // The demo has no bot screen: the engine it shows in the console takes the command.
    const submitBot = () =>
      page.evaluate(() => {
        const demo = (window as unknown as { tgauthDemo: { engine: { send(c: object): void } } }).tgauthDemo;
        demo.engine.send({ type: 'bot.submit', token: '4242:not-a-bot' });
      });
    await page.route(TOKEN_CHUNK, (route) => route.abort('connectionreset'));
    await submitBot();
    await page.waitForSelector('[data-testid="error"]', { timeout: 30_000 });
    expect(await readView(page)).toMatchObject({
      status: 'waitPhoneNumber',
      busy: false,
      error: { type: 'FLOW_LOAD_FAILED', retryable: true },
    });

    await page.unroute(TOKEN_CHUNK);
    await submitBot();
    // The chunk loaded and the login ran: the simulator knows no such bot.
    await page.waitForFunction(
      () => JSON.parse(document.querySelector('[data-testid="view"]')?.textContent ?? 'null')?.error?.type === 'ACCESS_TOKEN_INVALID',
      undefined,
      { timeout: 30_000 },
    );
    expect(await readView(page)).toMatchObject({ status: 'waitPhoneNumber', busy: false });
    expect(scripts.filter((u) => TOKEN_CHUNK.test(u)).length).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
