/**
 * One queued command applied to a live flow's engine: the sealed JSON is opened and checked
 * (`commandFromJson`), sent, and followed until the engine is no longer busy with it. What became
 * of it is the command's outcome, stored for every retried POST of the same idempotency id.
 */
import { AuthCommandError, type AuthEngine, type CommandRejection } from '../../machines/index.js';
import { commandFromJson } from '../remote/index.js';
import type { CommandOutcome } from './flow-outcome.js';
import type { Sealer } from './sealer.js';
import { viewWhere } from './view-wait.js';

/** The live flow as the command sees it: its engine, the status it shows, and its view version once the step ended. */
export interface CommandTarget {
  engine: AuthEngine;
  readonly status: string;
  readonly version: () => number;
}

/** Applies the command sealed under `place`; waits at most `timeoutMs` for the step it started. */
export async function applyCommand(target: CommandTarget, sealer: Sealer, sealed: Uint8Array, place: string, timeoutMs: number): Promise<CommandOutcome> {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(new TextDecoder().decode(sealer.open(place, sealed))) as Record<string, unknown>;
  } catch {
    return { status: 'invalid', message: 'the command could not be read' };
  }
  let rejected: CommandRejection | undefined;
  const off = target.engine.on('command.rejected', (e) => (rejected = e));
  try {
    target.engine.send(commandFromJson(json));
  } catch (error) {
    if (error instanceof AuthCommandError) return { status: 'invalid', ...(error.field ? { field: error.field } : {}), message: error.message };
    throw error;
  } finally {
    off.unsubscribe();
  }
  // A step.* command with nothing to act on says why in the engine's sentence (retry.unavailable, …).
  if (rejected) {
    const why = rejected.reason === 'command.unexpected' ? `${String(json['type'])} is not accepted in ${target.status}` : rejected.message;
    return { status: 'rejected', reason: why };
  }
  await viewWhere(target.engine, (v) => !v.busy, timeoutMs);
  return { status: 'applied', version: target.version() };
}
