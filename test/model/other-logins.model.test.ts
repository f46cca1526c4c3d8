/**
 * Replays the other-logins model (root + QR, bot, web-token and passkey machines) against the real
 * engine and the in-process simulator: every shortest path and self-loop, for an engine given a
 * passkey authenticator (createAuthEngine's `passkey` option) and, for the passkey screen only, one
 * without. Simple paths (MODEL_SIMPLE=1) come from the model bounded to one flow start per path
 * (`maxStarts`), plus two starts for the passkey screen: unbounded, method switching makes the graph
 * so dense that xstate/graph's simple-path enumeration does not finish.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { getInitialSnapshot, type SnapshotFrom } from 'xstate';
import { createTestModel } from 'xstate/graph';
import { account, type World } from '../integration/sim-world.js';
import { CoverageRecorder } from './coverage.js';
import {
  otherEventCases,
  otherModel,
  type OtherModelEvent,
  type OtherModelInput,
} from './other-logins.model.js';
import { arrangePasskey, passkeyHost, type PasskeyHost } from './passkey-steps.js';
import {
  approveShownCode,
  approveStaleCode,
  expireShownCode,
  QR_PASSWORD,
  rememberCode,
  SERVER_QR_TTL_MS,
  shownToken,
  type QrMemory,
} from './qr-steps.js';
import { expectView, modelStateKey, selfLoopPaths, writeCoverage } from './replay.js';
import { engineSut, modelWorld, type Sut } from './sut.js';

type ModelSnapshot = SnapshotFrom<typeof otherModel>;

let w: World;
const recorder = new CoverageRecorder();
beforeAll(async () => {
  w = await modelWorld('other');
  w.sim.state.settings.qrTtlMs = SERVER_QR_TTL_MS;
});
afterAll(async () => {
  writeCoverage('other-logins', recorder);
  await w.close();
});

let seq = 0;

/** One path's engine and what its steps share. */
interface Driver {
  sut: Sut;
  host: PasskeyHost | undefined;
  qr: QrMemory;
  /** The model state the last step was checked against (the state the next event starts from). */
  model?: ModelSnapshot;
}

async function perform(d: Driver, e: OtherModelEvent): Promise<void> {
  const { sut } = d;
  const n = ++seq;
  switch (e.type) {
    case 'QR_START':
      return sut.send({ type: 'qr.start' });
    case 'QR_APPROVE':
      return approveShownCode(w, sut, e.by, d.model?.context.redirects ?? 0);
    case 'QR_EXPIRE':
      return expireShownCode(w, sut, e.refresh);
    case 'QR_APPROVE_STALE':
      return approveStaleCode(w, sut, d.qr);
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
    case 'PASSKEY_START': {
      const check = d.host ? await arrangePasskey(w, d.host, e.key) : () => {};
      sut.send({ type: 'passkey.start' });
      await sut.idle();
      return check();
    }
    case 'SUBMIT_PASSWORD':
      return sut.send({ type: 'password.submit', password: QR_PASSWORD });
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

const VIEW_OF: Record<string, string> = { loggedOut: 'waitPhoneNumber' };

interface PathLike {
  description: string;
  test(params: {
    states: Record<string, (m: ModelSnapshot) => void>;
    events: Record<string, (step: { event: { type: string } }) => Promise<void>>;
  }): Promise<unknown>;
}

/** One path on a fresh engine: every model state is checked against the engine's view. */
async function replay(passkey: boolean, path: PathLike): Promise<void> {
  const host = passkey ? passkeyHost() : undefined;
  const sut = engineSut(w, recorder, host ? { passkey: host.authenticator } : {});
  const d: Driver = { sut, host, qr: {} };
  try {
    await sut.idle();
    const states = Object.fromEntries(
      Object.keys(otherModel.root.states).map((key) => [
        key,
        (m: ModelSnapshot) => {
          d.model = m;
          expectView(sut.view(), VIEW_OF[key] ?? key, m.context.error);
        },
      ]),
    );
    const run = async (step: { event: { type: string } }) => {
      await perform(d, step.event as OtherModelEvent);
      await sut.idle();
      rememberCode(sut, d.qr);
    };
    await path.test({ states, events: Object.fromEntries(otherEventCases.map((c) => [c.type, run])) });
  } finally {
    sut.stop();
  }
}

/** Without an authenticator only the passkey screen differs; the rest is the same graph again. */
const noAuthenticatorEvents = otherEventCases.filter(
  (e) => e.type === 'PHONE_START' || (e.type === 'PASSKEY_START' && e.key === 'home'),
);

for (const passkey of [true, false]) {
  describe(`other logins model (passkey authenticator: ${passkey})`, () => {
    const input: OtherModelInput = { passkey };
    const events = passkey ? otherEventCases : noAuthenticatorEvents;
    const model = createTestModel(otherModel, { events, input });
    const shortest = model.getShortestPaths();
    const loops = selfLoopPaths(model as never, shortest, getInitialSnapshot(otherModel, input));
    for (const path of [...shortest, ...loops]) it(path.description, () => replay(passkey, path));
  });
}

/** Simple paths of the model bounded to `maxStarts` flow starts, over `events`. */
function boundedSimplePaths(events: OtherModelEvent[], maxStarts: number) {
  const model = createTestModel(otherModel, { events, input: { passkey: true, maxStarts } });
  // Plain states (value + context) as vertices: the default also keys them by the arriving event.
  return model.getSimplePaths({ serializeState: (s: unknown) => modelStateKey(s) } as never);
}

describe.runIf(process.env.MODEL_SIMPLE === '1')('other logins, simple paths', () => {
  // Every simple path with one flow start (58): QR sequences (expiries, redirects, failed refresh), one
  // passkey, bot or web-token attempt, and what follows in ready.
  for (const path of boundedSimplePaths(otherEventCases, 1))
    it(`one start: ${path.description}`, () => replay(true, path));
  // The passkey screen retried after each outcome (213 paths of at most two passkey starts).
  const passkeyScreen = otherEventCases.filter((e) =>
    ['PASSKEY_START', 'PHONE_START', 'SUBMIT_PASSWORD'].includes(e.type),
  );
  for (const path of boundedSimplePaths(passkeyScreen, 2))
    it(`passkey twice: ${path.description}`, () => replay(true, path));
});
