/** The HTTP control router over an in-process simulator: JSON in and out, bigint as strings. */
import { describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../../src/adapters/crypto/index.js';
import { bytesToHex } from '../../../src/crypto/index.js';
import { createSimulator, handleControlRequest } from '../../../src/simulator/index.js';
import { fixedRandom } from '../../helpers/fixed-random.js';
import { ManualClock } from '../../helpers/manual-clock.js';

function setup() {
  const sim = createSimulator({ clock: new ManualClock(), random: fixedRandom('ctl'), crypto: nodeCrypto });
  const req = (method: string, path: string, body?: unknown) => handleControlRequest(sim, method, path, body);
  return { sim, req };
}

describe('handleControlRequest', () => {
  it('creates, reads and changes accounts (password kept as a verifier only)', async () => {
    const { sim, req } = setup();
    const created = await req('POST', '/accounts', {
      phone: '+31 600 000 001',
      dcId: 3,
      firstName: 'Ann',
      id: '1234567890123',
      password: 'pw',
      hint: 'h',
      recoveryEmail: 'r@x.org',
      switches: { paymentRequired: true },
    });
    expect(created).toMatchObject({
      status: 200,
      json: {
        id: '1234567890123',
        phone: '31600000001',
        dcId: 3,
        hasPassword: true,
        hint: 'h',
        recoveryEmail: 'r@x.org',
      },
    });
    expect(JSON.stringify(created.json)).not.toMatch(/"v"|salt1/);
    expect(sim.accounts.get(1234567890123n)?.password?.v).toHaveLength(256);
    expect((await req('GET', '/accounts/1234567890123')).json).toMatchObject({ firstName: 'Ann' });
    expect(
      (await req('PATCH', '/accounts/1234567890123', { lastName: 'B', password: null })).json,
    ).toMatchObject({ lastName: 'B', hasPassword: false });
    expect((await req('GET', '/accounts')).json).toHaveLength(1);
    expect(await req('GET', '/accounts/99')).toMatchObject({ status: 400, json: { error: 'no account 99' } });
    expect(await req('POST', '/accounts', { phone: '31600000001' })).toMatchObject({ status: 400 });
    expect(await req('POST', '/accounts', '{not json')).toMatchObject({
      status: 400,
      json: { error: 'the body is not JSON' },
    });
    expect(await req('POST', '/accounts', { dcId: 'x', phone: '1' })).toMatchObject({ status: 400 });
  });

  it('serves clock, faults, payments, QR approval, inbox, sessions, keys, config; 404 and 405', async () => {
    const { sim, req } = setup();
    const t0 = sim.clock.now();
    expect((await req('POST', '/clock/advance', { ms: 1000 })).json).toEqual({ now: t0 + 1000 });
    expect(await req('POST', '/clock/advance', { ms: -1 })).toMatchObject({ status: 400 });
    expect(
      (
        await req('POST', '/faults', {
          delayMs: 10,
          reject: { method: 'auth.sendCode', code: 420, text: 'FLOOD_WAIT_9', times: 2 },
        })
      ).json,
    ).toEqual({
      delayMs: 10,
      blackHole: false,
      rejections: [{ method: 'auth.sendCode', code: 420, text: 'FLOOD_WAIT_9', remaining: 2 }],
    });
    expect((await req('POST', '/faults', { dropConnections: true })).json).toMatchObject({ dropped: 0 });
    expect((await req('DELETE', '/faults')).json).toEqual({ delayMs: 0, blackHole: false, rejections: [] });
    expect((await req('POST', '/payments', { phone: '1', outcome: 'paid' })).json).toEqual({ found: false });
    expect(await req('POST', '/payments', { phone: '1', outcome: 'maybe' })).toMatchObject({ status: 400 });

    const user = sim.accounts.create({ phone: '9996621234', dcId: 2 });
    const token = new Uint8Array(32).fill(3);
    sim.state.qrTokens.set(bytesToHex(token), {
      token,
      dcId: 2,
      authKeyId: 1n,
      exceptIds: [],
      expiresAt: sim.clock.now() + 30_000,
    });
    expect(
      (await req('POST', '/qr/approve', { token: bytesToHex(token), userId: user.id.toString() })).json,
    ).toEqual({ ok: true });
    expect(sim.state.qrTokens.peek(bytesToHex(token))?.acceptedBy).toBe(user.id);
    expect(
      await req('POST', '/qr/approve', { token: bytesToHex(token), userId: user.id.toString() }),
    ).toMatchObject({ status: 400, json: { error: 'the QR token was already accepted' } });
    expect(await req('POST', '/qr/approve', { token: 'AAAA', userId: 'x' })).toMatchObject({ status: 400 });

    sim.state.inbox.deliver('9996621234', {
      channel: 'sms',
      to: '9996621234',
      code: '22222',
      text: 'code',
      date: 1,
    });
    expect((await req('GET', '/inbox/%2B999%20662%201234')).json).toEqual([
      { channel: 'sms', to: '9996621234', code: '22222', text: 'code', date: 1 },
    ]);
    expect((await req('GET', '/sessions')).json).toEqual([]);
    expect((await req('GET', '/keys?dc=2')).json).toEqual([]);
    expect((await req('GET', '/config/')).json).toMatchObject({
      fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(await req('GET', '/nope')).toMatchObject({ status: 404 });
    expect(await req('DELETE', '/accounts')).toMatchObject({ status: 405 });
  });
});
