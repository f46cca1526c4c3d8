/**
 * Field adapters between the current (layer 229) object shape and older-layer constructor variants
 * (tl/schema/legacy.tl). Objects always have the current shape; only the wire layout changes. Fields
 * the old variant lacks are dropped when writing (and given `absent` when reading, where the current
 * shape requires them); fields whose type changed are converted here.
 */

/** Converts one field between the current shape and a legacy variant. */
export interface FieldAdapter {
  /** Current value -> legacy value (undefined: leave the field out). */
  toLegacy(value: unknown): unknown;
  /** Legacy value -> current value. */
  fromLegacy(value: unknown): unknown;
  /** The current value of a required field the legacy variant does not carry. */
  readonly absent?: unknown;
}

/** A required field an older variant lacks: dropped on write, `value` on read. */
function addedField(value: unknown): FieldAdapter {
  return { toLegacy: () => undefined, fromLegacy: (v) => v, absent: value };
}

/** Adapters by legacy constructor ID, then by camelCase field name. */
export const LEGACY_ADAPTERS: ReadonlyMap<number, Readonly<Record<string, FieldAdapter>>> = new Map<
  number,
  Readonly<Record<string, FieldAdapter>>
>([
  [
    // user#4b46c37e (layer 198) has `stories_max_id:flags2.5?int`; layers 223+ have `flags2.5?RecentStory`
    // (`recentStory#711d692d flags:# live:flags.0?true max_id:flags.1?int`).
    0x4b46c37e,
    {
      storiesMaxId: {
        toLegacy: (v) => (v as { maxId?: number | undefined }).maxId,
        fromLegacy: (v) => ({ _: 'recentStory', maxId: v }),
      },
    },
  ],
  // Paid login before premium_days (layer <= 227, see legacy.tl): such a purchase granted no premium days.
  [0xe0955a3c, { premiumDays: addedField(0) }], // auth.sentCodePaymentRequired
  [0x9bb2636d, { premiumDays: addedField(0) }], // inputStorePaymentAuthCode
]);
