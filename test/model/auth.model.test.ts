/**
 * Replays the root-machine model (auth.model.ts) against the real engine and the in-process
 * simulator: every shortest path plus a path for each model transition they leave out, one fresh
 * engine per path (started by the path's BOOT step on the store it names).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getInitialSnapshot, type SnapshotFrom } from 'xstate';
import { createTestModel } from 'xstate/graph';
import { createSoftwarePasskey, softwarePasskeyAuthenticator } from '../../src/adapters/passkey/index.js';
import { AuthCommandError, QR_POLL_WITHOUT_UPDATES_MS, type AuthView } from '../../src/machines/index.js';
import { RpcError } from '../../src/transport/index.js';
import { fixedRandom } from '../helpers/fixed-random.js';
import { account, lastCode, type World } from '../integration/sim-world.js';
import { authEventCases, authModel, type AuthModelEvent, type HostBug } from './auth.model.js';
import { transitionPaths, untakenModelTransitions } from './auth-paths.js';
import { authSut, type AuthSut } from './auth-sut.js';
import { CoverageRecorder } from './coverage.js';
import { expectView, writeCoverage } from './replay.js';
import { modelWorld, waitIdle } from './sut.js';

const PASSWORD = 'root horse';
type ModelSnapshot = SnapshotFrom<typeof authModel>;

let w: World;
const recorder = new CoverageRecorder();
beforeAll(async () => {
  w = await modelWorld('auth');
});
afterAll(async () => {
  writeCoverage('auth', recorder);
  await w.close();
});

let seq = 0;

/** One path's engine (made by BOOT) and what the simulator did to its session. */
interface Run {
  sut?: AuthSut;
  revoked: boolean;
  /** The number the phone login of this path uses. */
  phone?: string;
  /** The host's update stream failed: the QR screen learns of an acceptance only by polling. */
  updatesLost?: boolean;
}

const sutOf = (run: Run): AuthSut => {
  if (!run.sut) throw new TypeError('the path did not BOOT an engine');
  return run.sut;
};

/** The logged-in user's permanent keys on the simulator. */
function userKeys(sut: AuthSut) {
  const v = sut.view();
  if (v.status !== 'ready' || !v.user) throw new TypeError(`not logged in: ${JSON.stringify(v)}`);
  return w.sim.state.keys.ofUser(BigInt(v.user.id));
}

async function hostBug(run: Run, sut: AuthSut, bug: HostBug): Promise<void> {
  switch (bug) {
    case 'phoneWithoutNumber': {
      const before = sut.view();
      expect(() => sut.send({ type: 'phone.submit' } as never)).toThrow(AuthCommandError);
      expect(sut.view()).toBe(before);
      return;
    }
    case 'unsealedBotToken':
      return sut.engine.actor.send({ type: 'bot.submit', token: `${7000 + ++seq}:raw` } as never);
    case 'unsealedWebToken':
      return sut.engine.actor.send({ type: 'webToken.submit', token: 'raw', dcId: 1 } as never);
    case 'unsealedRecoveryCode':
      return sut.engine.actor.send({ type: 'recovery.submit', code: '123456' } as never);
    case 'authenticatorNull':
      sut.setAuthenticator(() => Promise.resolve(null as never));
      return sut.send({ type: 'passkey.start' });
    case 'updatesFail':
      run.updatesLost = true;
      return sut.failUpdates(new Error('host update stream closed'));
  }
}

/** A DC-1 account of `kind` (2FA with a recovery e-mail, so the recovery screen is reachable). */
async function accountOf(kind: 'plain' | 'twoFA', n: number) {
  const user = account(w, { dcId: 1 });
  if (kind === 'twoFA') await w.sim.setPassword(user.id, PASSWORD, { recoveryEmail: `root${n}@example.com` });
  return user;
}

/** The link the QR screen of `sut` shows. */
function shownLink(sut: { view(): AuthView }): string {
  const v = sut.view();
  if (v.status !== 'waitQrConfirmation' || !v.link) throw new TypeError(`no QR link in ${JSON.stringify(v)}`);
  return v.link;
}

/** qr.approve of a link of `kind`; for `shown`, the code a second engine displays, which then logs in. */
async function approveDevice(sut: AuthSut, kind: 'shown' | 'unknown' | 'garbage'): Promise<void> {
  if (kind !== 'shown') {
    const link = kind === 'garbage' ? 'https://example.com/not-a-login-link' : 'tg://login?token=AAAAAAAAAAAAAAAAAAAAAA';
    return sut.send({ type: 'qr.approve', link });
  }
  const other = w.engine();
  try {
    await waitIdle(() => other.getSnapshot());
    other.send({ type: 'qr.start' });
    await waitIdle(() => other.getSnapshot());
    sut.send({ type: 'qr.approve', link: shownLink({ view: () => other.getSnapshot() }) });
    const v = await sut.idle();
    expect(v.status === 'ready' && v.approvedDevice?.appName).toBe('QR login');
    expect((await waitIdle(() => other.getSnapshot())).status).toBe('ready');
  } finally {
    other.stop();
  }
}

/** Performs one model event on the engine or the simulator. */
async function perform(run: Run, e: AuthModelEvent): Promise<void> {
  if (e.type === 'BOOT') {
    run.sut = authSut(w, recorder, { store: e.store, rpc: e.rpc });
    const v = await run.sut.idle();
    if (e.store === 'imported') expect(v.status === 'ready' && v.user?.id).toBe(String(run.sut.importedUserId));
    return;
  }
  const sut = sutOf(run);
  const n = ++seq;
  switch (e.type) {
    case 'SUBMIT_PHONE':
      run.phone = (await accountOf(e.account, n)).phone;
      return sut.send({ type: 'phone.submit', phone: run.phone });
    case 'SUBMIT_CODE':
      return sut.send({ type: 'code.submit', code: lastCode(w.sim, run.phone ?? '') });
    case 'QR_START':
      return sut.send({ type: 'qr.start' });
    case 'QR_APPROVE': {
      const link = shownLink(sut);
      const user = await accountOf(e.account, n);
      w.sim.approveQr(new URL(link).searchParams.get('token')!, user.id);
      if (run.updatesLost) {
        // No updateLoginToken reaches the engine: nothing happens until its next poll.
        expect((await sut.idle()).status).toBe('waitQrConfirmation');
        w.clock.advance(QR_POLL_WITHOUT_UPDATES_MS);
      }
      return;
    }
    case 'PHONE_START':
      return sut.send({ type: 'phone.start' });
    case 'PASSKEY_START': {
      if (e.account === 'none') sut.setAuthenticator(softwarePasskeyAuthenticator([]).getAssertion);
      else {
        const user = await accountOf(e.account, n);
        const key = createSoftwarePasskey({ userHandle: `1:${user.id}`, random: fixedRandom(`root-passkey-${n}`) });
        w.sim.accounts
          .get(user.id)!
          .passkeys.push({ id: key.credentialId, publicKey: key.publicKey, name: 'model', signCount: 0 });
        sut.setAuthenticator(softwarePasskeyAuthenticator([key]).getAssertion);
      }
      return sut.send({ type: 'passkey.start' });
    }
    case 'BOT_SUBMIT': {
      const token = `${8000 + n}:root-bot-secret-${n}`;
      if (e.token === 'valid') w.sim.accounts.create({ botToken: token, dcId: 1, id: BigInt(8000 + n) });
      return sut.send({ type: 'bot.submit', token });
    }
    case 'WEB_TOKEN_SUBMIT': {
      const token = `root-web-token-${n}`;
      if (e.token === 'valid') account(w, { dcId: 1, webTokens: [token] });
      sut.store.failing = e.storeFails;
      sut.send({ type: 'webToken.submit', token, dcId: 1 });
      await sut.idle();
      sut.store.failing = false;
      return;
    }
    case 'SUBMIT_PASSWORD':
      return sut.send({ type: 'password.submit', password: PASSWORD });
    case 'REQUEST_RECOVERY':
      return sut.send({ type: 'recovery.request' });
    case 'PHONE_EDIT':
      return sut.send({ type: 'phone.edit' });
    case 'HOST_BUG':
      return hostBug(run, sut, e.bug);
    case 'REVOKE': {
      // What the account's reset from another device does to this session (the simulator has no
      // control call for it): the permanent key stays, its login is gone. The engine is not told.
      const keys = userKeys(sut);
      expect(keys.length).toBeGreaterThan(0);
      for (const k of keys) Object.assign(k, { userId: undefined, authorizedAt: undefined });
      run.revoked = true;
      return;
    }
    case 'INVOKE': {
      const v = sut.view();
      const call = sut.engine.invoke({ _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] });
      if (run.revoked) {
        await expect(call).rejects.toSatisfy((err) => err instanceof RpcError && err.type === 'AUTH_KEY_UNREGISTERED');
        run.revoked = false;
      } else {
        const users = await call;
        expect(v.status === 'ready' && String(users[0]?.id)).toBe(v.status === 'ready' && v.user?.id);
      }
      return;
    }
    case 'RESET_OTHERS':
      // A session older than a day may end the others (FRESH_RESET_AUTHORISATION_FORBIDDEN otherwise).
      if (!run.revoked) for (const k of userKeys(sut)) k.authorizedAt = (k.authorizedAt ?? 0) - 25 * 3600_000;
      sut.send({ type: 'authorizations.reset' });
      if (!run.revoked) {
        const v = await sut.idle();
        expect(v.status === 'ready' && v.otherSessionsReset).toBe(true);
      }
      return;
    case 'APPROVE_DEVICE':
      return approveDevice(sut, e.link);
    case 'LOGOUT':
      sut.send({ type: 'logout.request' });
      run.revoked = false;
      return;
    case 'UNEXPECTED_COMMAND': {
      const before = sut.rejected.length;
      sut.send({ type: 'code.resend' });
      await sut.idle();
      expect(sut.rejected.slice(before)).toEqual(['code.resend']);
      return;
    }
    case 'STOP':
      return sut.stop();
  }
}

/** Model states that are a screen in a particular condition. */
const VIEW_OF: Record<string, string> = {
  hostPhoneNumber: 'waitPhoneNumber',
  hostQrConfirmation: 'waitQrConfirmation',
  hostQrPolling: 'waitQrConfirmation',
};

// States are keyed by value and context only (not by the step that reached them): shortest paths
// then reach each state once, without steps the model ignores; transitionPaths adds the rest.
const model = createTestModel(authModel, { events: authEventCases, serializeTransition: () => '' });
const shortest = model.getShortestPaths();
const covered = new Set<string>();
const extra = transitionPaths(authModel, model as never, shortest, getInitialSnapshot(authModel), covered);

describe('root auth model', () => {
  it('the path set takes every transition of the model', () => {
    expect(untakenModelTransitions(authModel, covered)).toEqual([]);
  });

  for (const path of [...shortest, ...extra]) {
    it(path.description, async () => {
      const run: Run = { revoked: false };
      try {
        const states = Object.fromEntries(
          Object.keys(authModel.root.states).map((key) => [
            key,
            (m: ModelSnapshot) => {
              if (key !== 'boot') expectView(sutOf(run).view(), VIEW_OF[key] ?? key, m.context.error);
            },
          ]),
        );
        const step = async (s: { event: { type: string } }) => {
          await perform(run, s.event as AuthModelEvent);
          await run.sut?.idle();
        };
        await path.test({ states, events: Object.fromEntries(authEventCases.map((c) => [c.type, step])) });
      } finally {
        run.sut?.stop();
      }
    });
  }
});
