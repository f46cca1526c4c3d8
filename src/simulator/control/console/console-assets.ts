/**
 * The console's files by path, for the control server to serve: the page at `/` (the control URL
 * itself), its style sheet and its script (the four parts joined in one function scope).
 */
import { CONSOLE_CSS, CONSOLE_HTML } from './console-page.js';
import { CONSOLE_SCRIPT_ACCOUNTS } from './console-script-accounts.js';
import { CONSOLE_SCRIPT_CLUSTER } from './console-script-cluster.js';
import { CONSOLE_SCRIPT_CORE } from './console-script-core.js';
import { CONSOLE_SCRIPT_FEEDS } from './console-script-feeds.js';

/** One static file. */
export interface ConsoleAsset {
  contentType: string;
  body: string;
}

const script = `(function () {${CONSOLE_SCRIPT_CORE}${CONSOLE_SCRIPT_FEEDS}${CONSOLE_SCRIPT_ACCOUNTS}${CONSOLE_SCRIPT_CLUSTER}})();\n`;

const assets: Record<string, ConsoleAsset> = {
  '/': { contentType: 'text/html; charset=utf-8', body: CONSOLE_HTML },
  '/console': { contentType: 'text/html; charset=utf-8', body: CONSOLE_HTML },
  '/console.css': { contentType: 'text/css; charset=utf-8', body: CONSOLE_CSS },
  '/console.js': { contentType: 'text/javascript; charset=utf-8', body: script },
};

/** The console file at `path` (query ignored), or undefined. */
export function consoleAsset(path: string): ConsoleAsset | undefined {
  return assets[path.split('?', 1)[0]!];
}

/** The console's content security policy: its own files and API only, no inline code. */
export const CONSOLE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
