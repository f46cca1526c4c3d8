/**
 * Replays the Firebase PNV model (firebase-pnv.model.ts) against the real engine and the in-process
 * simulator: every shortest path and self-loop, each on a fresh engine whose device (a software
 * provider over the simulator's token issuer) proves what the step arranges. Faults and forged
 * answers a step sets must be used by it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getInitialSnapshot, type SnapshotFrom } from 'xstate';
import { createTestModel } from 'xstate/graph';
import { softwareFirebasePnvProvider } from '../../src/adapters/firebase-pnv/index.js';
import { AuthEngineError, type FirebasePnvProvider } from '../../src/machines/index.js';
import { account, type World } from '../integration/sim-world.js';
import { CoverageRecorder } from './coverage.js';
import { pnvEventCases, pnvModel, type PnvKind, type PnvModelEvent } from './firebase-pnv.model.js';
import { phoneSut, rewrite, type PhoneSut } from './phone-sut.js';
import { QR_PASSWORD } from './qr-steps.js';
import { expectView, selfLoopPaths, writeCoverage } from './replay.js';
import { modelWorld } from './sut.js';

type ModelSnapshot = SnapshotFrom<typeof pnvModel>;

let w: World;
const recorder = new CoverageRecorder();
beforeAll(async () => {
  w = await modelWorld('firebase-pnv');
});
afterAll(async () => {
  writeCoverage('firebase-pnv', recorder);
  await w.close();
});

/** The device of one path: the number it proves next, or how it fails. */
interface Device {
  phone: string | undefined;
  fails: boolean;
  forged: boolean;
}

function deviceProvider(device: Device): FirebasePnvProvider {
  return {
    verifyPhoneNumber(intent, signal) {
      if (device.fails) return Promise.reject(new AuthEngineError('firebasePnv.noCredential', 'the wallet returned nothing'));
      const issue = (p: string, nonce: string) => (device.forged ? 'forged.google.token' : w.sim.issueFirebasePnvToken(p, nonce));
      return softwareFirebasePnvProvider({ phone: device.phone, issue }).verifyPhoneNumber(intent, signal);
    },
  };
}

let newNumbers = 0;

/** Arranges what `firebasePnv.start` meets for `kind` (new numbers are DC 1 test numbers: no redirect). */
async function arrange(sut: PhoneSut, device: Device, kind: PnvKind): Promise<void> {
  device.fails = kind === 'deviceFails';
  device.forged = kind === 'forged';
  device.phone = `999661${String(5000 + newNumbers++).padStart(4, '0')}`;
  if (kind === 'known' || kind === 'forged') device.phone = account(w, { dcId: 1 }).phone;
  if (kind === 'otherDc') device.phone = account(w, { dcId: 3 }).phone;
  if (kind === 'twoFA') {
    const a = account(w, { dcId: 1 });
    await w.sim.setPassword(a.id, QR_PASSWORD);
    device.phone = a.phone;
  }
  if (kind === 'unsupported') device.phone = undefined;
  if (kind === 'initFails') w.sim.faults.reject('auth.initFirebasePnvLogin', 500, 'INTERNAL', 1);
  // The real sign-up request (recorded on the server), minus its terms of service.
  if (kind === 'newNoTerms') sut.forge('auth.finishFirebasePnvLogin', rewrite((a) => ({ _: a._ })));
}

async function perform(sut: PhoneSut, device: Device, e: PnvModelEvent, model: ModelSnapshot | undefined): Promise<void> {
  switch (e.type) {
    case 'PNV_START':
      await arrange(sut, device, e.kind);
      return sut.send({ type: 'firebasePnv.start' });
    case 'REGISTER': {
      if (e.outcome === 'termsRejected' && model?.context.terms) w.sim.faults.reject('help.acceptTermsOfService', 500, 'INTERNAL', 1);
      const firstName = e.outcome === 'blank' ? ' ' : 'Pia';
      return sut.send({ type: 'registration.submit', firstName, acceptTerms: e.outcome !== 'declined' });
    }
    case 'SUBMIT_PASSWORD':
      return sut.send({ type: 'password.submit', password: QR_PASSWORD });
    case 'PHONE_START':
      return sut.send({ type: 'phone.start' });
    case 'QR_START':
      return sut.send({ type: 'qr.start' });
    case 'PASSKEY_START':
      return sut.send({ type: 'passkey.start' });
    case 'BOT_SUBMIT':
      return sut.send({ type: 'bot.submit', token: '4242:not-a-bot' });
    case 'WEB_TOKEN_SUBMIT':
      return sut.send({ type: 'webToken.submit', token: 'no-such-web-token', dcId: 1 });
  }
}

interface PathLike {
  description: string;
  test(params: {
    states: Record<string, (m: ModelSnapshot) => void>;
    events: Record<string, (step: { event: { type: string } }) => Promise<void>>;
  }): Promise<unknown>;
}

async function replay(path: PathLike): Promise<void> {
  const device: Device = { phone: undefined, fails: false, forged: false };
  const sut = phoneSut(w, recorder, { forging: true, firebasePnv: deviceProvider(device) });
  let model: ModelSnapshot | undefined;
  try {
    await sut.idle();
    const states = Object.fromEntries(
      Object.keys(pnvModel.root.states).map((key) => [
        key,
        (m: ModelSnapshot) => {
          model = m;
          expectView(sut.view(), key, m.context.error);
        },
      ]),
    );
    const run = async (step: { event: { type: string } }) => {
      await perform(sut, device, step.event as PnvModelEvent, model);
      await sut.idle();
      expect(w.sim.faults.snapshot().rejections, `${step.event.type}: every fault it set was used`).toEqual([]);
      expect(sut.armed(), `${step.event.type}: every answer it forged was asked for`).toEqual([]);
    };
    await path.test({ states, events: Object.fromEntries(pnvEventCases.map((c) => [c.type, run])) });
  } finally {
    sut.stop();
  }
}

describe('Firebase PNV model', () => {
  const model = createTestModel(pnvModel, { events: pnvEventCases });
  const shortest = model.getShortestPaths();
  const loops = selfLoopPaths(model as never, shortest, getInitialSnapshot(pnvModel));
  for (const path of [...shortest, ...loops]) it(path.description, () => replay(path));
});
