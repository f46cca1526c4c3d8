/**
 * Layer 229 in the simulator's handlers: Firebase PNV login (intent -> token from the simulator's own
 * issuer -> authorization, sign-up, 2FA, redirects and every refusal), the post-login resync
 * (updates.getState / updates.getDifference for an account with no updates) and bot ids from tokens.
 */
import { describe, expect, it } from 'vitest';
import { FIREBASE_PNV_TOKEN_TTL_SECONDS, type TlValue } from '../../src/simulator/index.js';
import { api, harness, loginTestNumber } from './sim-harness.js';

const init: TlValue = { _: 'auth.initFirebasePnvLogin', ...api };

/** The intent's nonce (the call answers auth.firebasePnvIntent). */
const nonceOf = async (answer: Promise<unknown>) => ((await answer) as { nonce: string }).nonce;
const finish = (googleToken: string): TlValue => ({ _: 'auth.finishFirebasePnvLogin', googleToken });

describe('Firebase PNV login (auth.initFirebasePnvLogin / finishFirebasePnvLogin / firebasePnvSignUp)', () => {
  it('an intent carries a nonce and the Digital Credentials request that names it; api_id is checked', async () => {
    const h = harness();
    const c = h.connect(2);
    const intent = (await c.call(init)) as TlValue;
    expect(intent).toMatchObject({ _: 'auth.firebasePnvIntent', nonce: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const payload = JSON.parse(intent.digitalCredentialPayload as string) as { protocol: string; data: { nonce: string } };
    expect(payload.protocol).toBe('openid4vp-v1-unsigned');
    expect(payload.data.nonce).toBe(intent.nonce);
    expect(await c.error({ ...init, apiId: 0 })).toBe('API_ID_INVALID');
  });

  it('a known number logs in with the token for its nonce, once; 2FA stops at SESSION_PASSWORD_NEEDED', async () => {
    const h = harness();
    const ada = h.state.accounts.create({ phone: '9996621234', dcId: 2, firstName: 'Ada' });
    const c = h.connect(2);
    const nonce = await nonceOf(c.call(init));
    const token = h.state.pnvIssuer.issue('+999 662 1234', nonce, h.state.clock.seconds());
    expect(await c.call(finish(token))).toMatchObject({ _: 'auth.authorization', user: { _: 'user', id: ada.id } });
    expect(h.state.keys.get(c.keyId)?.userId).toBe(ada.id);
    // The nonce is spent.
    expect(await h.connect(2).error(finish(token))).toBe('GOOGLE_TOKEN_INVALID');

    h.state.accounts.update(ada.id, { password: { hint: 'pet' } as never });
    const d = h.connect(2);
    const again = { nonce: await nonceOf(d.call(init)) };
    expect(await d.error(finish(h.state.pnvIssuer.issue(ada.phone, again.nonce, h.state.clock.seconds())))).toBe(
      'SESSION_PASSWORD_NEEDED',
    );
  });

  it('an unknown number must accept the terms and sign up on the same key', async () => {
    const h = harness();
    const c = h.connect(2);
    expect(await c.error({ _: 'auth.firebasePnvSignUp', firstName: 'Eve', lastName: '' })).toBe('GOOGLE_TOKEN_INVALID');
    const nonce = await nonceOf(c.call(init));
    const answer = (await c.call(finish(h.state.pnvIssuer.issue('9996627777', nonce, h.state.clock.seconds())))) as TlValue;
    expect(answer).toMatchObject({ _: 'auth.authorizationSignUpRequired', termsOfService: { _: 'help.termsOfService' } });
    // Another key did not verify the number.
    expect(await h.connect(2).error({ _: 'auth.firebasePnvSignUp', firstName: 'Eve', lastName: '' })).toBe('GOOGLE_TOKEN_INVALID');
    expect(await c.error({ _: 'auth.firebasePnvSignUp', firstName: ' ', lastName: '' })).toBe('FIRSTNAME_INVALID');
    const done = (await c.call({ _: 'auth.firebasePnvSignUp', firstName: 'Eve', lastName: 'Lee' })) as TlValue;
    expect(done).toMatchObject({ _: 'auth.authorization', user: { firstName: 'Eve', lastName: 'Lee', phone: '9996627777' } });
    expect(h.state.accounts.findByPhone('9996627777')?.dcId).toBe(2);
  });

  it('a pending sign-up expires with its intent window', async () => {
    const h = harness();
    const c = h.connect(2);
    const nonce = await nonceOf(c.call(init));
    await c.call(finish(h.state.pnvIssuer.issue('9996627778', nonce, h.state.clock.seconds())));
    h.clock.advance(5 * 60_000);
    expect(await c.error({ _: 'auth.firebasePnvSignUp', firstName: 'Eve', lastName: '' })).toBe('GOOGLE_TOKEN_EXPIRED');
  });

  it('refuses forged, expired, foreign and replayed tokens', async () => {
    const h = harness();
    h.state.accounts.create({ phone: '9996621234', dcId: 2 });
    const c = h.connect(2);
    const nonce = await nonceOf(c.call(init));
    const now = () => h.state.clock.seconds();
    const good = h.state.pnvIssuer.issue('9996621234', nonce, now());
    const [head, body, sig] = good.split('.') as [string, string, string];
    // A different number under the same signature.
    const forgedBody = btoa(atob(body.replace(/-/g, '+').replace(/_/g, '/')).replace('9996621234', '9996621235'))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    expect(await c.error(finish(`${head}.${forgedBody}.${sig}`))).toBe('GOOGLE_TOKEN_INVALID');
    expect(await c.error(finish('not-a-jwt'))).toBe('GOOGLE_TOKEN_INVALID');
    expect(await c.error(finish(''))).toBe('GOOGLE_TOKEN_INVALID');
    // Signed for a nonce nobody was given.
    expect(await c.error(finish(h.state.pnvIssuer.issue('9996621234', 'ff'.repeat(16), now())))).toBe('GOOGLE_TOKEN_INVALID');
    // The nonce belongs to c's key: another key on the same DC cannot spend it.
    expect(await h.connect(2).error(finish(good))).toBe('GOOGLE_TOKEN_INVALID');
    h.clock.advance((FIREBASE_PNV_TOKEN_TTL_SECONDS + 1) * 1000);
    expect(await c.error(finish(good))).toBe('GOOGLE_TOKEN_EXPIRED');
  });

  it('a number that lives on another DC is redirected as auth.sendCode would be', async () => {
    const h = harness();
    h.state.accounts.create({ phone: '9996641234', dcId: 4 });
    const c = h.connect(2);
    const nonce = await nonceOf(c.call(init));
    expect(await c.error(finish(h.state.pnvIssuer.issue('9996641234', nonce, h.state.clock.seconds())))).toBe(
      'PHONE_MIGRATE_4',
    );
  });
});

describe('post-login resync and bot ids', () => {
  it('updates.getState and updates.getDifference answer an account with no updates', async () => {
    const h = harness();
    const c = h.connect(2);
    expect(await c.error({ _: 'updates.getDifference', pts: 1, date: 0, qts: 0 })).toBe('AUTH_KEY_UNREGISTERED');
    await loginTestNumber(c, '9996621234', '22222');
    const state = (await c.call({ _: 'updates.getState' })) as TlValue & { pts: number; qts: number; date: number };
    expect(state).toMatchObject({ _: 'updates.state', pts: 1, qts: 0, seq: 0, unreadCount: 0 });
    h.clock.advance(10_000);
    const diff = await c.call({ _: 'updates.getDifference', pts: state.pts, date: state.date, qts: state.qts });
    expect(diff).toEqual({ _: 'updates.differenceEmpty', date: h.state.clock.seconds(), seq: 0 });
    expect(await c.call({ _: 'updates.getDifference', pts: 0, date: 0, qts: 0, ptsTotalLimit: 100 })).toMatchObject({
      _: 'updates.differenceEmpty',
    });
    expect(await c.error({ _: 'updates.getDifference', pts: 5, date: state.date, qts: 0 })).toBe(
      'PERSISTENT_TIMESTAMP_INVALID',
    );
  });

  it('a bot created from its token gets the id the token names', () => {
    const h = harness();
    const bot = h.state.accounts.create({ botToken: '7123456789:AAF-secret_x', dcId: 2 });
    expect(bot.id).toBe(7123456789n);
    expect(bot.bot).toBe(true);
    expect(h.state.accounts.create({ botToken: 'odd-token', dcId: 2 }).id).not.toBe(7123456789n);
    expect(h.state.accounts.create({ botToken: '42:x', id: 99n }).id).toBe(99n);
  });
});
