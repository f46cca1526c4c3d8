/** A pattern over state ids / transition labels, and the reason those are not covered. */
export type Rule = readonly [RegExp, string];
