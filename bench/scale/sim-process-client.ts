/**
 * Starts bench/scale/sim-process.ts (the simulator in a process of its own, so that what it costs
 * is not counted in the measured process) and reads its config line. A process that exits before
 * printing it rejects the start instead of leaving the bench waiting.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { SimulatorHostConfig } from '../../src/adapters/node/index.js';

/** What serving the run cost the simulator process (its last stdout line, written when stdin closes). */
export interface SimCost {
  cpuS: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

/** A simulator process with `accounts` test accounts; `stop()` ends it and resolves with its cost (undefined if it died). */
export async function startSimulatorProcess(accounts: number): Promise<{ config: SimulatorHostConfig; stop(): Promise<SimCost | undefined> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'sim-process.ts'), String(accounts)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const exited = new Promise<undefined>((resolve) => child.once('exit', () => resolve(undefined)));
  const line = await Promise.race([new Promise<string>((resolve) => lines.once('line', resolve)), exited]);
  if (line === undefined) throw new RangeError(`simulator process exited with ${child.exitCode}`);
  const cost = Promise.race([new Promise<SimCost>((resolve) => lines.once('line', (l) => resolve(JSON.parse(l) as SimCost))), exited]);
  return {
    config: JSON.parse(line) as SimulatorHostConfig,
    stop: (): Promise<SimCost | undefined> => (child.stdin!.end(), cost),
  };
}
