/**
 * The constructor/method registry: the generated descriptor tables (generated/descriptors.ts) compiled
 * once into field lists with parsed type references, indexed by ID and by `_` name.
 */
import {
  TL_CONSTRUCTORS,
  TL_LEGACY,
  TL_METHODS,
  type TlDescriptor,
  type TlLegacyDescriptor,
} from './generated/descriptors.js';

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
const typeNames = new Set(TL_CONSTRUCTORS.map((d) => d[2]));

/** Parses a type expression as written in a descriptor (`Vector<long>`, `flags.1?auth.CodeType` minus the condition). */
export function parseType(t: string): TypeRef {
  const vec = /^([Vv])ector<(.+)>$/.exec(t);
  if (vec) return { k: 'vector', boxed: vec[1] === 'V', of: parseType(vec[2]!) };
  if (PRIMITIVES.has(t)) return { k: t as 'int' };
  if (t === '#') return { k: 'nat' };
  if (t === 'Bool') return { k: 'bool' };
  if (t === 'Object') return { k: 'object' };
  if (t === '!X') return { k: 'method' };
  if (t.startsWith('%'))
    return { k: 'bare', name: TL_CONSTRUCTORS.find((d) => d[2] === t.slice(1))?.[1] ?? t };
  if (typeNames.has(t)) return { k: 'boxed', type: t };
  if (TL_CONSTRUCTORS.some((d) => d[1] === t)) return { k: 'bare', name: t };
  return { k: 'unsupported', name: t };
}

function compile(d: TlDescriptor | TlLegacyDescriptor, isMethod: boolean, maxLayer?: number): TlEntry {
  const fields: TlField[] = [];
  for (const spec of d[3] === '' ? [] : d[3].split(' ')) {
    const colon = spec.indexOf(':');
    const name = spec.slice(0, colon);
    const rest = spec.slice(colon + 1);
    const cond = /^(\w+)\.(\d+)\?(.+)$/.exec(rest);
    fields.push(
      cond
        ? { name, type: parseType(cond[3]!), flag: { word: cond[1]!, bit: Number(cond[2]) } }
        : { name, type: parseType(rest) },
    );
  }
  return {
    id: d[0],
    name: d[1],
    type: d[2],
    isMethod,
    fields,
    ...(maxLayer === undefined ? {} : { maxLayer }),
  };
}

for (const d of TL_CONSTRUCTORS) add(compile(d, false));
for (const d of TL_METHODS) add(compile(d, true));
for (const d of [...TL_LEGACY].sort((a, b) => a[4] - b[4])) {
  const e = compile(d, false, d[4]);
  byId.set(e.id, e);
  legacyByName.set(e.name, [...(legacyByName.get(e.name) ?? []), e]);
}

function add(e: TlEntry): void {
  byId.set(e.id, e);
  byName.set(e.name, e);
}

/** The variant of `entry` to write for a client that declared `layer` (the current one when none fits). */
export function variantForLayer(entry: TlEntry, layer: number | undefined): TlEntry {
  if (layer === undefined) return entry;
  return legacyByName.get(entry.name)?.find((e) => layer <= e.maxLayer!) ?? entry;
}
