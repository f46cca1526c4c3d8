/** The names of every method of the schema, in schema order. */
import { byName } from './registry.js';

export const TL_METHOD_NAMES: readonly string[] = [...byName.values()]
  .filter((e) => e.isMethod)
  .map((e) => e.name);
