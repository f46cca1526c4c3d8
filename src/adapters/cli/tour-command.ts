/**
 * `tgauth tour`: every flow, scripted, against a fresh simulator. Prints each view the UI receives
 * and each API method called beneath it, then which `auth.*` methods the tour exercised.
 */
import { TL_METHOD_NAMES } from '../../tl/index.js';
import type { CliOptions } from './cli-options.js';
import { TourStepError, type TourRecord } from './tour-driver.js';
import { startTourEnv } from './tour-env.js';
import { hostedScenarios } from './tour-hosted.js';
import { otherWayScenarios } from './tour-other-ways.js';
import { phoneScenarios, type TourScenario } from './tour-phone.js';

/** Every scenario, in the order the tour shows them. */
export const scenarios: TourScenario[] = [...phoneScenarios, ...hostedScenarios, ...otherWayScenarios];

export async function runTour(_options: CliOptions): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const record: TourRecord = { methods: new Set(), statuses: new Set() };
  const env = await startTourEnv(out, record);
  out(
    `tgauth tour: ${scenarios.length} flows against a local ${env.simulator.dcCount}-DC simulator (MTProto over TCP on 127.0.0.1)`,
  );
  const failed: string[] = [];
  try {
    for (const [i, scenario] of scenarios.entries()) {
      out('');
      out(`[${i + 1}/${scenarios.length}] ${scenario.title}`);
      try {
        await scenario.run(env);
      } catch (error) {
        failed.push(scenario.title);
        out(`  FAILED: ${error instanceof TourStepError ? error.message : String(error)}`);
      }
    }
  } finally {
    await env.close();
  }
  const authMethods = TL_METHOD_NAMES.filter((m) => m.startsWith('auth.'));
  const seen = authMethods.filter((m) => record.methods.has(m));
  out('');
  out(`views seen: ${[...record.statuses].join(', ')}`);
  out(`auth.* methods called: ${seen.length}/${authMethods.length}`);
  const missing = authMethods.filter((m) => !record.methods.has(m));
  if (missing.length > 0) out(`not exercised by this tour: ${missing.join(', ')}`);
  out(
    failed.length === 0
      ? `tour passed: ${scenarios.length} flows`
      : `tour FAILED: ${failed.length} of ${scenarios.length} flows`,
  );
  return failed.length === 0 ? 0 : 1;
}
