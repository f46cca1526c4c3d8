/**
 * TL encoding (core.telegram.org/mtproto/serialize): boxed and bare values, vectors, flags words computed from the
 * optional fields that are set, generic wrappers (`query:!X` is the boxed inner call), and older-layer
 * constructor variants when the peer declared an older layer. Malformed objects throw TlEncodeError.
 */
import type { BinaryWriter } from './binary-writer.js';
import { TlEncodeError } from './errors.js';
import { LEGACY_ADAPTERS } from './legacy.js';
import {
  BOOL_FALSE_ID,
  BOOL_TRUE_ID,
  byName,
  variantForLayer,
  VECTOR_ID,
  type TlEntry,
  type TypeRef,
} from './registry.js';

/** Encoding options. */
export interface EncodeOptions {
  /** The API layer the peer declared in invokeWithLayer; older-layer variants are written when it is older. */
  readonly layer?: number | undefined;
}

type Obj = Record<string, unknown>;
const INT_MIN = -(2 ** 31);
const UINT_END = 2 ** 32;
const LONG_MIN = -(1n << 63n);
const ULONG_END = 1n << 64n;
const MAX_BYTES = 2 ** 24;
const utf8 = new TextEncoder();

/** Writes one value of type `t`. */
export function writeValue(w: BinaryWriter, t: TypeRef, v: unknown, path: string, opts: EncodeOptions): void {
  switch (t.k) {
    case 'int':
    case 'nat':
      if (typeof v !== 'number' || !Number.isInteger(v) || v < INT_MIN || v >= UINT_END)
        throw bad(path, 'a 32-bit integer', v);
      w.int(v);
      return;
    case 'long':
      if (typeof v !== 'bigint' || v < LONG_MIN || v >= ULONG_END) throw bad(path, 'a 64-bit bigint', v);
      w.long(v);
      return;
    case 'double':
      if (typeof v !== 'number') throw bad(path, 'a number', v);
      w.double(v);
      return;
    case 'int128':
    case 'int256': {
      const n = t.k === 'int128' ? 16 : 32;
      if (!(v instanceof Uint8Array) || v.length !== n) throw bad(path, `${n} bytes`, v);
      w.raw(v);
      return;
    }
    case 'bytes':
    case 'string': {
      const b = t.k === 'string' && typeof v === 'string' ? utf8.encode(v) : v;
      if (!(b instanceof Uint8Array) || (t.k === 'string' && typeof v !== 'string')) throw bad(path, t.k, v);
      if (b.length >= MAX_BYTES)
        throw new TlEncodeError(path, `${b.length} bytes exceed the TL maximum of 2^24 - 1`);
      w.tlBytes(b);
      return;
    }
    case 'true':
      return;
    case 'bool':
      if (typeof v !== 'boolean') throw bad(path, 'a boolean', v);
      w.int(v ? BOOL_TRUE_ID : BOOL_FALSE_ID);
      return;
    case 'vector':
      if (!Array.isArray(v)) throw bad(path, 'an array', v);
      if (t.boxed) w.int(VECTOR_ID);
      w.int(v.length);
      for (let i = 0; i < v.length; i++) writeValue(w, t.of, v[i], `${path}[${i}]`, opts);
      return;
    case 'object':
      writeBoxed(w, v, undefined, path, opts);
      return;
    case 'method':
      writeBoxed(w, v, '!X', path, opts);
      return;
    case 'boxed':
      writeBoxed(w, v, t.type, path, opts);
      return;
    case 'bare': {
      const entry = byName.get(t.name)!;
      if (typeof v !== 'object' || v === null || ((v as Obj)._ ?? t.name) !== t.name)
        throw bad(path, t.name, v);
      writeFields(w, entry, v as Obj, path, opts);
      return;
    }
    case 'unsupported':
      throw new TlEncodeError(path, `type ${t.name} is not in this schema`);
  }
}

/** Writes a boxed object whose `_` must belong to `expected` (a type name, `'!X'` = any method, undefined = any). */
export function writeBoxed(
  w: BinaryWriter,
  v: unknown,
  expected: string | undefined,
  path: string,
  opts: EncodeOptions,
): void {
  if (typeof v !== 'object' || v === null) throw bad(path, 'a TL object', v);
  const o = v as Obj;
  if (o._ === 'vector' && expected === undefined && o.raw instanceof Uint8Array) {
    w.raw(o.raw);
    return;
  }
  const entry = byName.get(o._ as string);
  if (!entry) throw new TlEncodeError(path, `unknown constructor ${String(o._)}`);
  if (
    expected === '!X'
      ? !entry.isMethod
      : expected !== undefined && (entry.isMethod || entry.type !== expected)
  ) {
    throw new TlEncodeError(path, `${entry.name} is not a ${expected === '!X' ? 'method' : expected}`);
  }
  const variant = variantForLayer(entry, opts.layer);
  w.int(variant.id);
  writeFields(w, variant, o, `${path}.${entry.name}`, opts);
}

/** Writes the fields of `entry` from `o`, computing each flags word from the optional fields set. */
export function writeFields(
  w: BinaryWriter,
  entry: TlEntry,
  o: Obj,
  path: string,
  opts: EncodeOptions,
): void {
  const src = entry.maxLayer === undefined ? o : toLegacy(o, entry.id);
  const words: Record<string, number> = {};
  for (const f of entry.fields) {
    if (f.flag && (f.type.k === 'true' ? src[f.name] === true : src[f.name] !== undefined)) {
      words[f.flag.word] = (words[f.flag.word] ?? 0) | (1 << f.flag.bit);
    }
  }
  for (const f of entry.fields) {
    if (f.type.k === 'nat') {
      w.int(words[f.name] ?? 0);
      continue;
    }
    if (f.flag && (((words[f.flag.word] ?? 0) >>> f.flag.bit) & 1) === 0) continue;
    if (f.type.k === 'true') continue;
    if (entry.name === 'message' && f.name === 'bytes') {
      writeMessageRest(w, src, path, opts);
      return;
    }
    if (src[f.name] === undefined) {
      throw new TlEncodeError(
        `${path}.${f.name}`,
        f.flag ? `required: it shares ${f.flag.word}.${f.flag.bit} with a field that is set` : 'required',
      );
    }
    writeValue(w, f.type, src[f.name], `${path}.${f.name}`, opts);
  }
}

/** `message ... bytes:int body:Object`: `bytes` is the body length, computed here, never taken from the object. */
function writeMessageRest(w: BinaryWriter, o: Obj, path: string, opts: EncodeOptions): void {
  const at = w.length;
  w.int(0);
  writeBoxed(w, o.body, undefined, `${path}.body`, opts);
  w.patchInt(at, w.length - at - 4);
}

function toLegacy(o: Obj, id: number): Obj {
  const adapters = LEGACY_ADAPTERS.get(id);
  if (!adapters) return o;
  const out: Obj = { ...o };
  for (const [name, a] of Object.entries(adapters))
    if (out[name] !== undefined) out[name] = a.toLegacy(out[name]);
  return out;
}

function bad(path: string, expected: string, v: unknown): TlEncodeError {
  const got = v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
  return new TlEncodeError(path, `expected ${expected}, got ${got}`);
}
