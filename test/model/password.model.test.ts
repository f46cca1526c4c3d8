/**
 * Replays the phone-login model's paths for the accounts with a 2FA password (root, phone-login and
 * password machines): the password screen with its failures, recovery, a password removed from
 * another device, a durable engine resuming the password step. One `it` per path, plus named paths.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { World } from '../integration/sim-world.js';
import { CoverageRecorder } from './coverage.js';
import type { AccountKind, PhoneModelEvent } from './phone-events.js';
import { describePath, pathOf, planPaths, simplePaths } from './phone-paths.js';
import { planOf } from './phone-plan.js';
import { replayPath } from './phone-replay.js';
import { writeCoverage } from './replay.js';
import { modelWorld } from './sut.js';

let w: World;
const recorder = new CoverageRecorder();
beforeAll(async () => {
  w = await modelWorld('password');
});
afterAll(async () => {
  writeCoverage('password', recorder);
  await w.close();
});

describe('password model', () => {
  for (const path of planPaths(planOf('twoFA', 'twoFARecovery', 'emailTwoFA')))
    it(describePath(path), () => replayPath(w, recorder, path));
});

const TO_PASSWORD: PhoneModelEvent[] = [
  { type: 'SUBMIT_PHONE', phone: 'valid' },
  { type: 'SUBMIT_CODE', code: 'right' },
];

/**
 * Ways on the plan's paths need not take (they pass each model transition once, whatever the screen
 * showed before): after a flooded first account.getPassword counted down, one submit fetches the
 * SRP parameters and checks the password; after a flooded refetch (wrong password) counted down,
 * the same; after a flooded auth.requestPasswordRecovery counted down (from either screen), recovery
 * works again.
 */
const NAMED: [AccountKind, PhoneModelEvent[]][] = [
  [
    'twoFA',
    [
      { type: 'SUBMIT_PHONE', phone: 'valid' },
      { type: 'SUBMIT_CODE', code: 'right', passwordFetch: 'flooded' },
      { type: 'WAIT_FLOOD' },
      { type: 'SUBMIT_PASSWORD', password: 'right' },
    ],
  ],
  [
    'twoFA',
    [
      ...TO_PASSWORD,
      { type: 'SUBMIT_PASSWORD', password: 'wrong', refetch: 'flooded' },
      { type: 'WAIT_FLOOD' },
      { type: 'SUBMIT_PASSWORD', password: 'right' },
    ],
  ],
  [
    'twoFARecovery',
    [
      ...TO_PASSWORD,
      { type: 'REQUEST_RECOVERY', outcome: 'flooded' },
      { type: 'WAIT_FLOOD' },
      { type: 'REQUEST_RECOVERY', outcome: 'sent' },
      { type: 'SUBMIT_RECOVERY', code: 'right', newPassword: false },
    ],
  ],
  [
    'twoFARecovery',
    [
      ...TO_PASSWORD,
      { type: 'REQUEST_RECOVERY', outcome: 'sent' },
      { type: 'REQUEST_RECOVERY', outcome: 'flooded' },
      { type: 'WAIT_FLOOD' },
      { type: 'SUBMIT_PASSWORD', password: 'right' },
    ],
  ],
];

describe('password model, named paths', () => {
  for (const [account, events] of NAMED) {
    const path = pathOf(account, events);
    it(describePath(path), () => replayPath(w, recorder, path));
  }
});

/** The password screen and recovery with the way there: small enough for every simple path. */
const PASSWORD_SCREEN: PhoneModelEvent[] = [
  { type: 'SUBMIT_PHONE', phone: 'valid' },
  { type: 'SUBMIT_CODE', code: 'right' },
  { type: 'SUBMIT_PASSWORD', password: 'right' },
  { type: 'SUBMIT_PASSWORD', password: 'wrong' },
  { type: 'REQUEST_RECOVERY', outcome: 'sent' },
  { type: 'SUBMIT_RECOVERY', code: 'right', newPassword: true },
  { type: 'SUBMIT_RECOVERY', code: 'right', newPassword: false },
  { type: 'SUBMIT_RECOVERY', code: 'wrong', newPassword: false },
  { type: 'EDIT_PHONE' },
];

// Every simple path (25) of the password and recovery sub-graph; `npm run test:model` sets MODEL_SIMPLE=1.
describe.runIf(process.env.MODEL_SIMPLE === '1')('password sub-graph, simple paths (twoFARecovery)', () => {
  for (const path of simplePaths('twoFARecovery', PASSWORD_SCREEN))
    it(describePath(path), () => replayPath(w, recorder, path));
});
