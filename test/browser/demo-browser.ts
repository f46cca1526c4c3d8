/**
 * The browser tests' world: a simulator on loopback (in this process, so tests can also reach it
 * directly), the web demo's Vite server pointed at it, and Debian's Chromium driven by
 * playwright-core with a fresh profile per test. Screenshots go to test-artifacts/browser/.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
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

/** Starts the simulator (with the demo accounts) and the demo's dev server. */
export async function startDemoWorld(): Promise<DemoWorld> {
  const host = await startSimulatorHost({});
  await seedWebDemoAccounts(host);
  try {
    const demo = await startWebDemo(host.config, { port: 5190 });
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

/** A Chromium with its own fresh profile; `close()` removes the profile. */
export interface DemoBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** What the page logged (errors included), to print when a test fails. */
  readonly logs: string[];
  close(): Promise<void>;
}

/** Launches headless Chromium as the machine notes require (no sandbox as root, no background networking). */
export async function launchDemoBrowser(): Promise<DemoBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'tgauth-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1100, height: 720 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const logs: string[] = [];
  page.on('console', (m) => logs.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => logs.push(`[pageerror] ${e.message}`));
  return {
    context,
    page,
    logs,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
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
