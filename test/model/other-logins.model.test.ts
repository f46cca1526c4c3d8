/**
 * Replays the other-logins model (root + QR, bot, web-token and passkey machines) against the real
 * engine and the in-process simulator: every shortest path (xstate/graph's simple-path traversal does
 * not finish on this densely connected graph, so simple paths come from the phone model only).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { getInitialSnapshot, type SnapshotFrom } from 'xstate';
import { createTestModel, serializeSnapshot } from 'xstate/graph';
import { createSoftwarePasskey, softwarePasskeyAuthenticator } from '../../src/adapters/passkey/index.js';
import { fixedRandom } from '../helpers/fixed-random.js';
import { account, type World } from '../integration/sim-world.js';
import { CoverageRecorder } from './coverage.js';
import { otherEventCases, otherModel, type OtherModelEvent } from './other-logins.model.js';
import { expectView, selfLoopPaths, writeCoverage } from './replay.js';
import { engineSut, modelWorld, passkeySut, type Sut } from './sut.js';

const PASSWORD = 'qr horse';
type ModelSnapshot = SnapshotFrom<typeof otherModel>;

let w: World;
const recorder = new CoverageRecorder();
beforeAll(async () => {
  w = await modelWorld('other');
});
afterAll(async () => {
  writeCoverage('other-logins', recorder);
  await w.close();
});

let seq = 0;

/** The token of the link the view shows (`tg://login?token=<base64url>`). */
function shownToken(sut: Sut): string {
  const v = sut.view();
  if (v.status !== 'waitQrConfirmation' || !v.link) throw new TypeError(`no QR link in ${JSON.stringify(v)}`);
  return new URL(v.link).searchParams.get('token')!;
}

async function perform(sut: Sut, e: OtherModelEvent): Promise<void> {
  const n = ++seq;
  switch (e.type) {
    case 'QR_START':
      return sut.send({ type: 'qr.start' });
    case 'QR_APPROVE': {
      const user = account(w, { dcId: e.by === 'otherDc' ? 2 : 1 });
      if (e.by === 'twoFA') await w.sim.setPassword(user.id, PASSWORD);
      return w.sim.approveQr(shownToken(sut), user.id);
    }
    case 'QR_EXPIRE': {
      const before = shownToken(sut);
      w.clock.advance(31_000);
      await sut.idle();
      if (shownToken(sut) === before) throw new TypeError('the expired QR link was not replaced');
      return;
    }
    case 'PHONE_START':
      return sut.send({ type: 'phone.start' });
    case 'BOT_SUBMIT': {
      const token = `${7000 + n}:bot-secret-${n}`;
      if (e.token === 'valid') w.sim.accounts.create({ botToken: token, dcId: 3, id: BigInt(7000 + n) });
      return sut.send({ type: 'bot.submit', token });
    }
    case 'WEB_TOKEN_SUBMIT': {
      const token = `web-token-${n}`;
      if (e.token === 'valid') account(w, { dcId: 2, webTokens: [token] });
      return sut.send({ type: 'webToken.submit', token, dcId: 1 });
    }
    case 'PASSKEY_START':
      return sut.send({ type: 'passkey.start' });
    case 'SUBMIT_PASSWORD':
      return sut.send({ type: 'password.submit', password: PASSWORD });
    case 'LOGOUT':
      return sut.send({ type: 'logout.request' });
    case 'APPROVE_DEVICE': {
      const other = engineSut(w, recorder);
      try {
        await other.idle();
        other.send({ type: 'qr.start' });
        await other.idle();
        sut.send({ type: 'qr.approve', link: `tg://login?token=${shownToken(other)}` });
        await sut.idle();
        const approved = sut.view();
        if (approved.status === 'ready' && !approved.error && !approved.approvedDevice)
          throw new TypeError(`no approved device in ${JSON.stringify(approved)}`);
      } finally {
        other.stop();
      }
      return;
    }
    case 'UNEXPECTED_COMMAND':
      return sut.send({ type: 'code.resend' });
  }
}

/**
 * An engine; with `passkey`, one whose host authenticator holds a passkey of a user on DC 1. (A user
 * on another DC fails with passkey.fromKeyUnknown: createTransportRpc has no `permAuthKeyId` yet.)
 */
function sutFor(passkey: boolean): Sut {
  if (!passkey) return engineSut(w, recorder);
  const user = account(w, { dcId: 1 });
  const key = createSoftwarePasskey({ userHandle: `1:${user.id}`, random: fixedRandom(`passkey-${++seq}`) });
  w.sim.accounts
    .get(user.id)!
    .passkeys.push({ id: key.credentialId, publicKey: key.publicKey, name: 'model', signCount: 0 });
  return passkeySut(w, recorder, softwarePasskeyAuthenticator([key]));
}

const VIEW_OF: Record<string, string> = { loggedOut: 'waitPhoneNumber' };

for (const passkey of [false, true]) {
  describe(`other logins model (passkey authenticator: ${passkey})`, () => {
    const model = createTestModel(otherModel, { events: otherEventCases, input: { passkey } });
    const shortest = model.getShortestPaths();
    const paths = [
      ...shortest,
      ...selfLoopPaths(
        model as never,
        shortest,
        getInitialSnapshot(otherModel, { passkey }),
        serializeSnapshot as never,
      ),
    ];
    for (const path of paths) {
      it(path.description, async () => {
        const sut = sutFor(passkey);
        try {
          await sut.idle();
          const states = Object.fromEntries(
            Object.keys(otherModel.root.states).map((key) => [
              key,
              (m: ModelSnapshot) => expectView(sut.view(), VIEW_OF[key] ?? key, m.context.error),
            ]),
          );
          const run = async (step: { event: { type: string } }) => {
            await perform(sut, step.event as OtherModelEvent);
            await sut.idle();
          };
          await path.test({ states, events: Object.fromEntries(otherEventCases.map((c) => [c.type, run])) });
        } finally {
          sut.stop();
        }
      });
    }
  });
}
