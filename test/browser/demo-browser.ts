/**
 * The browser tests' world: a simulator on loopback (in this process, so tests can also reach it
 * directly), the web demo built and served by Vite pointed at it, and Debian's Chromium driven by
 * playwright-core, one browser per file and a fresh context per test. Screenshots go to test-artifacts/browser/.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startSimulatorHost, type SimulatorHost } from '../../src/adapters/node/index.js';
import type { AuthView } from '../../src/machines/index.js';
import { seedWebDemoAccounts } from '../../scripts/web.js';
import { startWebDemo, type WebDemo } from '../../scripts/web-demo.js';

/** Debian's Chromium (apt-get install chromium); the tests skip without it. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'browser');

/** The simulator and the demo page serving it. */
export interface DemoWorld {
  readonly host: SimulatorHost;
  readonly demo: WebDemo;
  close(): Promise<void>;
}

/** Starts the simulator (with the demo accounts) and the demo, built and served by `vite preview`. */
export async function startDemoWorld(port = 5190): Promise<DemoWorld> {
  const host = await startSimulatorHost({});
  await seedWebDemoAccounts(host);
  try {
    const demo = await startWebDemo(host.config, { port, mode: 'built' });
    return {
      host,
      demo,
      async close() {
        await demo.close();
        await host.close();
      },
    };
  } catch (error) {
    await host.close();
    throw error;
  }
}

/** One page in its own browser context (own IndexedDB, cookies, cache), kept across reloads. */
export interface DemoPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** What the page logged (errors included), to print when a test fails. */
  readonly logs: string[];
  close(): Promise<void>;
}

/** A headless Chromium; every `newPage()` is a fresh, isolated context. */
export interface DemoBrowser {
  newPage(): Promise<DemoPage>;
  close(): Promise<void>;
}

/**
 * Launches headless Chromium as the machine notes require (no sandbox as root, no background
 * networking); Playwright gives it a fresh temporary --user-data-dir, removed on close.
 */
export async function launchDemoBrowser(extraArgs: readonly string[] = []): Promise<DemoBrowser> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
  return {
    async newPage() {
      const context = await browser.newContext({ viewport: { width: 1100, height: 720 } });
      const page = await context.newPage();
      const logs: string[] = [];
      page.on('console', (m) => logs.push(`[${m.type()}] ${m.text()}`));
      page.on('pageerror', (e) => logs.push(`[pageerror] ${e.stack ?? e.message}`));
      return { context, page, logs, close: () => context.close() };
    },
    close: () => browser.close(),
  };
}

/** Waits until the page shows `status` (the `data-status` of the page's main element). */
export async function waitForStatus(page: Page, status: AuthView['status'], timeout = 30_000): Promise<AuthView> {
  await page.waitForSelector(`main[data-status="${status}"]`, { timeout });
  return readView(page);
}

/** The AuthView the live panel shows. */
export async function readView(page: Page): Promise<AuthView> {
  return JSON.parse((await page.textContent('[data-testid="view"]')) ?? 'null') as AuthView;
}

/** Saves a screenshot of the page as test-artifacts/browser/<name>.png. */
export async function snap(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A call to the simulator's HTTP control API (what a developer would do with curl). */
export async function control<T>(world: DemoWorld, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${world.host.config.controlUrl}${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** The latest code the simulator delivered to `phone`, read through the control API. */
export async function latestCode(world: DemoWorld, phone: string): Promise<string> {
  const inbox = await control<{ code?: string }[]>(world, 'GET', `/inbox/${encodeURIComponent(phone)}`);
  const code = inbox.filter((m) => m.code !== undefined).at(-1)?.code;
  if (!code) throw new Error(`no code in the inbox of ${phone}`);
  return code;
}

/** On a failed test: the page's log, its AuthView and a screenshot (failed-<test>.png). */
export async function reportFailure(page: DemoPage, testName: string): Promise<void> {
  const view = await readView(page.page).catch((error: unknown) => `unreadable: ${String(error)}`);
  const shot = await snap(page.page, `failed-${testName.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => 'none');
  console.error(`${page.logs.join('\n')}\nAuthView: ${JSON.stringify(view)}\nscreenshot: ${shot}`);
}
