/**
 * The constructor/method registry: the generated schema text (generated/descriptors.ts: what the
 * engine sends and receives) parsed once into field lists with parsed type references, indexed by ID
 * and by `_` name; full-schema.ts adds the rest where the whole schema is wanted (Node, the
 * simulator). IDs are the CRC32 of each line (the generator has checked them against the IDs
 * written in src/tl/schema/*.tl).
 */
import { TL_SCHEMA } from './generated/descriptors.js';
import { camelCaseTl, parseTlSchema, type TlCombinator } from './parse-schema.js';

/** A parsed TL type expression. */
export type TypeRef =
  | {
      readonly k:
        'int' | 'nat' | 'long' | 'double' | 'int128' | 'int256' | 'bytes' | 'string' | 'bool' | 'true';
    }
  | { readonly k: 'object' | 'method' }
  | { readonly k: 'vector'; readonly boxed: boolean; readonly of: TypeRef }
  | { readonly k: 'boxed'; readonly type: string }
  | { readonly k: 'bare'; readonly name: string }
  | { readonly k: 'unsupported'; readonly name: string };

/** One field of a combinator. */
export interface TlField {
  readonly name: string;
  readonly type: TypeRef;
  /** For conditional fields: index of the flags word in `flagWords` and the bit. */
  readonly flag?: { readonly word: string; readonly bit: number };
}

/** A compiled constructor or method. */
export interface TlEntry {
  readonly id: number;
  readonly name: string;
  /** Type for constructors, result type for methods. */
  readonly type: string;
  readonly isMethod: boolean;
  readonly fields: readonly TlField[];
  /** Set on legacy variants (tl/schema/legacy.tl). */
  readonly maxLayer?: number;
}

/** The boxed Vector constructor `vector#1cb5c415 {t:Type} # [ t ] = Vector t`. */
export const VECTOR_ID = 0x1cb5c415;
export const BOOL_TRUE_ID = 0x997275b5;
export const BOOL_FALSE_ID = 0xbc799737;
export const GZIP_PACKED_ID = 0x3072cfa1;

const PRIMITIVES = new Set(['int', 'long', 'double', 'int128', 'int256', 'bytes', 'string', 'true']);

/** Entries by constructor ID (current and legacy variants). */
export const byId = new Map<number, TlEntry>();
/** Current entries by `_` name. */
export const byName = new Map<string, TlEntry>();
/** Legacy variants by `_` name, ascending maxLayer. */
export const legacyByName = new Map<string, TlEntry[]>();
const schema = parseTlSchema(TL_SCHEMA);
const constructors = schema.filter((c) => c.kind === 'constructor');
const typeNames = new Set(constructors.map((c) => c.type));

/** Parses a type expression as written in the schema (`Vector<long>`, `flags.1?auth.CodeType` minus the condition). */
export function parseType(t: string): TypeRef {
  const vec = /^([Vv])ector<(.+)>$/.exec(t);
  if (vec) return { k: 'vector', boxed: vec[1] === 'V', of: parseType(vec[2]!) };
  if (PRIMITIVES.has(t)) return { k: t as 'int' };
  if (t === '#') return { k: 'nat' };
  if (t === 'Bool') return { k: 'bool' };
  if (t === 'Object') return { k: 'object' };
  if (t === '!X') return { k: 'method' };
  if (t.startsWith('%'))
    return { k: 'bare', name: constructors.find((c) => c.type === t.slice(1))?.name ?? t };
  if (typeNames.has(t)) return { k: 'boxed', type: t };
  if (constructors.some((c) => c.name === t)) return { k: 'bare', name: t };
  return { k: 'unsupported', name: t };
}

/** Field names are camelCase (`phone_code_hash` -> `phoneCodeHash`); flags words keep theirs. */
function compile(c: TlCombinator): TlEntry {
  const fields = c.params.map((p): TlField => ({
    name: camelCaseTl(p.name),
    type: parseType(p.type),
    ...(p.flag ? { flag: { word: p.flag.field, bit: p.flag.bit } } : {}),
  }));
  return {
    id: c.id,
    name: c.name,
    type: c.type,
    isMethod: c.kind === 'method',
    fields,
    ...(c.maxLayer === undefined ? {} : { maxLayer: c.maxLayer }),
  };
}

for (const c of schema) {
  const e = compile(c);
  byId.set(e.id, e);
  byName.set(e.name, e);
}

/**
 * Adds current lines to the registry (full-schema.ts: the rest of the schema). Their constructors'
 * types join the known ones first, so lines of `text` may refer to each other. Lines already known
 * by name are skipped.
 */
export function addSchema(text: string): void {
  const added = parseTlSchema(text).filter((c) => !byName.has(c.name));
  for (const c of added) {
    if (c.kind !== 'constructor') continue;
    constructors.push(c);
    typeNames.add(c.type);
  }
  for (const c of added) {
    const e = compile(c);
    byId.set(e.id, e);
    byName.set(e.name, e);
  }
}
/**
 * Adds older-layer variants (tl/schema/legacy.tl) to the registry: read by their IDs, written by
 * `variantForLayer`. Idempotent. Called through `registerLegacyVariants` (legacy-variants.ts), which a
 * server answering older clients imports; a client never needs them (Telegram answers in the layer the
 * client declared), so its bundle leaves them out.
 */
export function addLegacySchema(text: string): void {
  for (const c of parseTlSchema(text).sort((a, b) => a.maxLayer! - b.maxLayer!)) {
    if (byId.has(c.id)) continue;
    const e = compile(c);
    byId.set(e.id, e);
    legacyByName.set(e.name, [...(legacyByName.get(e.name) ?? []), e]);
  }
}

/** The variant of `entry` to write for a client that declared `layer` (the current one when none fits). */
export function variantForLayer(entry: TlEntry, layer: number | undefined): TlEntry {
  if (layer === undefined) return entry;
  return legacyByName.get(entry.name)?.find((e) => layer <= e.maxLayer!) ?? entry;
}
