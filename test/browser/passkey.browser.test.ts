/**
 * Passkey login in Chromium with a DevTools virtual authenticator (see passkey-origin.ts for why the
 * page is served as https://web.telegram.org). The first test checks the page's WebAuthn adapter
 * (`browserPasskey`) on its own: the assertion it hands the engine verifies under the passkey's
 * public key exactly as the server checks it (core.telegram.org/api/passkeys). The second logs in through the page.
 */
import { createHash, verify } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { control, reportFailure, hasChromium, launchDemoBrowser, snap, startDemoWorld, waitForStatus, type DemoBrowser, type DemoPage, type DemoWorld } from './demo-browser.js';
import { addVirtualPasskey, newPasskey, PASSKEY_BROWSER_ARGS, serveAsTelegramOrigin, TELEGRAM_ORIGIN } from './passkey-origin.js';

describe.skipIf(!hasChromium)('passkey login in Chromium', () => {
  let world: DemoWorld;
  let browser: DemoBrowser;
  let current: DemoPage | undefined;

  beforeAll(async () => {
    [world, browser] = await Promise.all([startDemoWorld(5192), launchDemoBrowser(PASSKEY_BROWSER_ARGS)]);
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

  /** A page at https://web.telegram.org holding a passkey of a new account on `dcId`. */
  async function pageWithPasskey(name: string, dcId = 4) {
    const passkey = newPasskey(name);
    const account = await control<{ id: string; dcId: number }>(world, 'POST', '/accounts', {
      phone: `99966${String(Date.now()).slice(-5)}`,
      dcId,
      firstName: 'Passkey',
      lastName: name,
      passkeys: [{ id: passkey.id, publicKey: passkey.publicKeyHex, name }],
    });
    current = await browser.newPage();
    await serveAsTelegramOrigin(current.context, world.demo.url);
    const userHandle = `${account.dcId}:${account.id}`;
    await addVirtualPasskey(current.page, passkey, userHandle);
    await current.page.goto(`${TELEGRAM_ORIGIN}/`);
    await waitForStatus(current.page, 'waitPhoneNumber', 60_000);
    return { page: current.page, passkey, account, userHandle };
  }

  it('browserPasskey returns an assertion that verifies as the server checks it', async () => {
    const { page, passkey, userHandle } = await pageWithPasskey('adapter');
    const challenge = Buffer.from('a fresh server challenge').toString('base64url');
    // The page exposes its adapter as window.tgauthDemo.browserPasskey.
    const assertion = (await page.evaluate(`(async () => {
      const a = await window.tgauthDemo.browserPasskey.getAssertion(
        { challenge: '${challenge}', rpId: 'telegram.org', userVerification: 'preferred', allowCredentials: [] },
        new AbortController().signal,
      );
      return { ...a, authenticatorData: Array.from(a.authenticatorData), signature: Array.from(a.signature) };
    })()`)) as { credentialId: string; clientDataJson: string; authenticatorData: number[]; signature: number[]; userHandle: string };

    expect(assertion.credentialId).toBe(passkey.id);
    expect(assertion.userHandle).toBe(userHandle);
    expect(JSON.parse(assertion.clientDataJson)).toMatchObject({ type: 'webauthn.get', challenge, origin: TELEGRAM_ORIGIN });
    const authData = Buffer.from(assertion.authenticatorData);
    expect(authData.subarray(0, 32)).toEqual(createHash('sha256').update('telegram.org').digest());
    expect(authData[32]! & 1).toBe(1);
    const signed = Buffer.concat([authData, createHash('sha256').update(assertion.clientDataJson).digest()]);
    expect(verify('sha256', signed, passkey.publicKey, Buffer.from(assertion.signature))).toBe(true);
    // A control: the same signature does not verify other data.
    expect(verify('sha256', Buffer.concat([signed, Buffer.from([0])]), passkey.publicKey, Buffer.from(assertion.signature))).toBe(false);
  }, 120_000);

  it('logs in with a passkey of a user on the first DC', async () => {
    const { page, account } = await pageWithPasskey('same-dc', world.host.config.dcs[0]!.id);
    await page.click('[data-testid="use-passkey"]');
    await snap(page, 'passkey-1-waitPasskey');
    const ready = await waitForStatus(page, 'ready');
    expect(ready).toMatchObject({ status: 'ready', user: { id: account.id, firstName: 'Passkey' } });
    await snap(page, 'passkey-2-ready');
  }, 120_000);

  it('logs in with a passkey of a user on another DC', async () => {
    const { page, account } = await pageWithPasskey('other-dc');
    await page.click('[data-testid="use-passkey"]');
    const ready = await waitForStatus(page, 'ready');
    expect(ready).toMatchObject({ status: 'ready', user: { id: account.id, firstName: 'Passkey' } });
    await snap(page, 'passkey-3-ready-other-dc');
  }, 120_000);
});
