/**
 * Passkeys in the browser tests. Telegram's relying party is `telegram.org` and the simulator
 * (like the real server) only accepts assertions made on an https `*.telegram.org` origin, so the
 * test serves the demo AS https://web.telegram.org: Playwright answers every request for that origin
 * from the local dev server. Chromium then treats the page as that secure origin, and a DevTools
 * (CDP) virtual authenticator holding a P-256 credential for `telegram.org` answers
 * navigator.credentials.get without any user or hardware.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';

/**
 * Chromium flags for a page on a public origin that reaches the simulator on 127.0.0.1: Local
 * Network Access would block its WebSockets (ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS) behind a
 * permission prompt no one can answer headless.
 */
export const PASSKEY_BROWSER_ARGS = ['--disable-features=LocalNetworkAccessChecks'] as const;

/** Where the demo appears in passkey tests. */
export const TELEGRAM_ORIGIN = 'https://web.telegram.org';

/** Serves `demoUrl` as https://web.telegram.org in this context. */
export async function serveAsTelegramOrigin(context: BrowserContext, demoUrl: string): Promise<void> {
  const local = new URL(demoUrl).origin;
  await context.route(`${TELEGRAM_ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    await route.fulfill({ response: await route.fetch({ url: `${local}${url.pathname}${url.search}` }) });
  });
}

/** A passkey: the raw credential id and the P-256 key pair. */
export interface TestPasskey {
  readonly rawId: Buffer;
  /** `credential.id` as WebAuthn reports it (base64url of the raw id). */
  readonly id: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** The uncompressed SEC1 point (04 | x | y) as hex: how the control API takes `passkeys[].publicKey`. */
  readonly publicKeyHex: string;
}

/** A fresh P-256 passkey. */
export function newPasskey(name: string): TestPasskey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
  const rawId = Buffer.from(name, 'utf8');
  return { rawId, id: rawId.toString('base64url'), privateKey, publicKey, publicKeyHex: point.toString('hex') };
}

/** Adds a CDP virtual authenticator to the page holding `passkey` for telegram.org with `userHandle`. */
export async function addVirtualPasskey(page: Page, passkey: TestPasskey, userHandle: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', {});
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  await cdp.send('WebAuthn.addCredential', {
    authenticatorId,
    credential: {
      credentialId: passkey.rawId.toString('base64'),
      isResidentCredential: true,
      rpId: 'telegram.org',
      privateKey: passkey.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      userHandle: Buffer.from(userHandle, 'utf8').toString('base64'),
      signCount: 0,
    },
  });
}
