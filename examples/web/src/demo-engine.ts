/**
 * Builds the demo's engine from the simulator config the dev server hands out: the browser
 * WebSocket dial (obfuscated2, `ws://127.0.0.1:<wsPort>/apiws`), WebCrypto for the transport's
 * hashing and AES, and the session (auth keys per DC, the logged-in user) in IndexedDB so a reload
 * resumes where it was.
 */
import { browserPasskey, passkeysAvailable } from './browser-passkey.js';
import {
  createAuthEngine,
  indexedDbStore,
  systemClock,
  webCrypto,
  webSocketDial,
  type AuthEngine,
  type AuthEngineOptions,
} from './tgauth.js';

/** What `/config.json` holds: the line `tgauth sim` prints. */
export interface DemoConfig {
  dcs: { id: number; host: string; tcpPort: number; wsPort: number }[];
  rsaPublicKeyPem: string;
  fingerprint: string;
  controlUrl?: string;
  /** The simulator console (inbox, QR approval, accounts, RPC log). */
  consoleUrl?: string;
}

/** The IndexedDB database the demo keeps its session in. */
export const SESSION_DB = 'tgauth-demo';

/** Fetches the simulator config from the dev server. */
export async function loadConfig(): Promise<DemoConfig> {
  const res = await fetch('/config.json', { cache: 'no-store' });
  if (!res.ok) throw new Error(`GET /config.json: ${res.status} ${await res.text()}`);
  return (await res.json()) as DemoConfig;
}

/** A started engine against the simulator in `config`. */
export function createDemoEngine(config: DemoConfig): AuthEngine {
  const options: AuthEngineOptions = {
    apiId: 1,
    apiHash: 'tgauth-web-demo',
    dcs: config,
    dial: webSocketDial(),
    clock: systemClock,
    crypto: webCrypto,
    store: indexedDbStore(SESSION_DB),
    device: { deviceModel: 'Browser', systemVersion: navigator.userAgent.slice(0, 64), appVersion: 'web demo' },
    ...(passkeysAvailable() ? { passkey: browserPasskey } : {}),
  };
  return createAuthEngine(options);
}
