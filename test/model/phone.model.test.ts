/**
 * Replays the phone-login model's paths (root + phone-login machines) for the accounts without a
 * password — the code screen, sign-up, the login e-mail, paid login and Firebase SMS — against the
 * real engine and the in-process simulator: one `it` per path (phone-paths.ts chooses them).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { World } from '../integration/sim-world.js';
import { CoverageRecorder } from './coverage.js';
import { describePath, planPaths } from './phone-paths.js';
import { planOf } from './phone-plan.js';
import { replayPath } from './phone-replay.js';
import { writeCoverage } from './replay.js';
import { modelWorld } from './sut.js';

let w: World;
const recorder = new CoverageRecorder();
beforeAll(async () => {
  w = await modelWorld('phone');
});
afterAll(async () => {
  writeCoverage('phone', recorder);
  await w.close();
});

describe('phone login model', () => {
  for (const path of planPaths(planOf('plain', 'new', 'emailSetup', 'emailNew', 'payment', 'firebase')))
    it(describePath(path), () => replayPath(w, recorder, path));
});
