/**
 * Crash test of the durable engine (issue 21 "Must show"): child engine processes SIGKILLed at
 * seeded moments of their logins over the file and the SQLite store, each restarted on the same
 * store until the login is done (engine-crash-rig.ts). Zero corrupt stores, zero error views (a
 * resumed screen the server no longer accepts would show one), zero codes sent again after the code
 * screen was shown, every login in ready. `npm test` runs a short round (15 kills per store);
 * `npm run test:crash` the full one (CRASH_KILLS=100 per store, 200 in all; CRASH_SEED replays a run).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCrashChild, runCrashLogins, type StoreKind } from './engine-crash-rig.js';

const KILLS = Number(process.env.CRASH_KILLS ?? 15);
const SEED = Number(process.env.CRASH_SEED ?? 21);

let script = '';
beforeAll(async () => {
  script = await buildCrashChild();
});

describe.each<StoreKind>(['file', 'sqlite'])('engine processes killed during logins, %s store', (kind) => {
  it(`${KILLS} kills: every login ends in ready, no corrupt store, no dead screen, no second code`, async () => {
    const report = await runCrashLogins({ script, kind, kills: KILLS, seed: SEED + (kind === 'file' ? 0 : 1) });
    console.info(`engine crash (${kind}): ${JSON.stringify(report)}`);
    expect(report.corruptStores).toBe(0);
    expect(report.errorViews).toEqual([]);
    expect(report.secondCodes).toBe(0);
    expect(report.wrongResumes).toBe(0);
    expect(report.kills).toBeGreaterThanOrEqual(KILLS);
  }, 600_000);
});
