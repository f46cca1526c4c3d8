/**
 * `SIM_LOAD_CONSOLE=1 npm run sim:load`: the same load with the simulator console open, to show
 * that a console left open keeps the simulator's memory bounded. It serves the control API and
 * the console beside the DCs and opens the page in headless Chromium (/usr/bin/chromium, through
 * playwright-core), on the tab named by SIM_LOAD_CONSOLE_TAB (default `rpc`: the live RPC log, the
 * busiest feed; `dcs` reloads the key table on every batch). The page's own memory is Chromium's,
 * not counted in the simulator's RSS.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { listenControlApi, type Listener } from '../src/adapters/node/index.js';
import type { Simulator } from '../src/simulator/index.js';

const CHROMIUM = '/usr/bin/chromium';

/** An open console page and what it saw. */
export interface OpenConsole {
  readonly url: string;
  /** Rows the page's RPC log holds now, and its live status. */
  status(): Promise<{ rpcRows: number; live: string }>;
  close(): Promise<void>;
}

/** Serves the console for `sim` and opens it in Chromium on `tab`. */
export async function openConsole(sim: Simulator, tab = 'rpc'): Promise<OpenConsole> {
  if (!existsSync(CHROMIUM)) throw new Error(`SIM_LOAD_CONSOLE needs ${CHROMIUM} (apt-get install chromium)`);
  const control: Listener = await listenControlApi(sim, { host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${control.port}/#${tab}`;
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const page: Page = await (await browser.newContext({ viewport: { width: 1100, height: 720 } })).newPage();
  await page.goto(url);
  await page.waitForSelector('[data-testid="live"]:text("live")');
  return {
    url,
    status: async () => ({
      rpcRows: await page.$$eval('[data-testid="rpc-row"]', (rows) => rows.length),
      live: (await page.textContent('[data-testid="live"]')) ?? '',
    }),
    close: async () => {
      await browser.close();
      await control.close();
    },
  };
}
