/**
 * AuthCommands over JSON: the two bigint fields (`payment.submit`'s `formId`, `qr.start`'s
 * `exceptIds`) travel as decimal strings. Everything else is already JSON; the engine checks the
 * shape (`assertAuthCommand`) when the command is applied.
 */
import type { AuthCommand } from '../../machines/index.js';

const DECIMAL = /^-?\d{1,20}$/;

/** JSON body -> command: decimal strings of the bigint fields become bigints; anything else is left for the engine's check. */
export function commandFromJson(json: Record<string, unknown>): AuthCommand {
  const c: Record<string, unknown> = { ...json };
  if (typeof c['formId'] === 'string' && DECIMAL.test(c['formId'])) c['formId'] = BigInt(c['formId']);
  if (Array.isArray(c['exceptIds']) && c['exceptIds'].every((v) => typeof v === 'string' && DECIMAL.test(v)))
    c['exceptIds'] = (c['exceptIds'] as string[]).map((v) => BigInt(v));
  return c as unknown as AuthCommand;
}

/** Command -> JSON text (bigints as decimal strings). */
export function commandToJson(command: AuthCommand | Record<string, unknown>): string {
  return JSON.stringify(command, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}
