/**
 * Why some states and transitions of the real machines are not reached by the replayed paths, keyed
 * by state id or transition label (as `coverage.ts` prints them). Filled from the coverage report.
 */
export const UNREACHABLE: Readonly<Record<string, string>> = {};
