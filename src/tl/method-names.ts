/** The names of every method of the schema, in schema order. */
import { TL_METHODS } from './generated/descriptors.js';

export const TL_METHOD_NAMES: readonly string[] = TL_METHODS.map((d) => d[1]);
