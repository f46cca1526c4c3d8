/**
 * Field adapters between the current (layer 223) object shape and older-layer constructor variants
 * (tl/schema/legacy.tl). Objects always have the current shape; only the wire layout changes. Fields
 * the old variant lacks are dropped when writing; fields whose type changed are converted here.
 */

/** Converts one field between the current shape and a legacy variant. */
export interface FieldAdapter {
  /** Current value -> legacy value (undefined: leave the field out). */
  toLegacy(value: unknown): unknown;
  /** Legacy value -> current value. */
  fromLegacy(value: unknown): unknown;
}

/** Adapters by legacy constructor ID, then by camelCase field name. */
export const LEGACY_ADAPTERS: ReadonlyMap<number, Readonly<Record<string, FieldAdapter>>> = new Map([
  [
    // user#4b46c37e (layer 198) has `stories_max_id:flags2.5?int`; layer 223 has `flags2.5?RecentStory`
    // (`recentStory#711d692d flags:# live:flags.0?true max_id:flags.1?int`).
    0x4b46c37e,
    {
      storiesMaxId: {
        toLegacy: (v) => (v as { maxId?: number | undefined }).maxId,
        fromLegacy: (v) => ({ _: 'recentStory', maxId: v }),
      },
    },
  ],
]);
