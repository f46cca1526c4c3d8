/** The shape of one control API route, shared by the route tables. */
import type { Simulator } from '../cluster/simulator.js';
import { SimulatorError } from '../errors.js';

/** A handler: path parameters (decoded), the parsed body and the query string in; JSON-able out. */
export type RouteHandler = (
  sim: Simulator,
  params: string[],
  body: unknown,
  query: URLSearchParams,
) => unknown;

/** Method, path pattern, handler. */
export type Route = [method: string, path: RegExp, handler: RouteHandler];

/** A non-negative integer query parameter, or `fallback` when absent. */
export function intParam(
  query: URLSearchParams,
  name: string,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new SimulatorError(`${name} must be a non-negative integer`);
  return Math.min(n, max);
}
