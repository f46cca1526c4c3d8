/**
 * TL decoding of untrusted bytes (core.telegram.org/mtproto/serialize): boxed and bare values, vectors, flags,
 * `Object` (with transparent gzip_packed unpacking) and method calls. Only TlDecodeError is thrown;
 * every length and count is checked against the bytes left before anything is allocated, and nesting
 * is capped so hostile input cannot exhaust the stack.
 */
import { BinaryReader } from './binary-reader.js';
import { TlDecodeError } from './errors.js';
import { gunzipBounded } from './gunzip-bounded.js';
import { LEGACY_ADAPTERS } from './legacy.js';
import {
  BOOL_FALSE_ID,
  BOOL_TRUE_ID,
  byId,
  byName,
  GZIP_PACKED_ID,
  VECTOR_ID,
  type TlEntry,
  type TypeRef,
} from './registry.js';

/** Deepest nesting of objects/vectors accepted (real auth traffic stays below 10). */
export const MAX_DEPTH = 64;

type Obj = Record<string, unknown>;

/** Smallest wire size of one element, used to reject vector counts the remaining bytes cannot hold. */
function minSize(t: TypeRef): number {
  switch (t.k) {
    case 'long':
    case 'double':
      return 8;
    case 'int128':
      return 16;
    case 'int256':
      return 32;
    default:
      return 4;
  }
}

/** Reads one value of type `t`. */
export function readValue(r: BinaryReader, t: TypeRef, depth: number, ctx: number | undefined): unknown {
  switch (t.k) {
    case 'int':
      return r.int();
    case 'nat':
      return r.uint();
    case 'long':
      return r.long();
    case 'double':
      return r.double();
    case 'int128':
      return r.int128();
    case 'int256':
      return r.int256();
    case 'bytes':
      return r.tlBytes();
    case 'string':
      return r.string();
    case 'true':
      return true;
    case 'bool': {
      const at = r.offset;
      const id = r.uint();
      if (id === BOOL_TRUE_ID) return true;
      if (id === BOOL_FALSE_ID) return false;
      throw new TlDecodeError('Bool (boolTrue or boolFalse)', at, id);
    }
    case 'vector':
      return readVector(r, t.boxed, t.of, depth, ctx);
    case 'object':
      return readBoxed(r, undefined, depth);
    case 'method':
      return readBoxed(r, '!X', depth);
    case 'boxed':
      return readBoxed(r, t.type, depth);
    case 'bare': {
      const entry = byName.get(t.name);
      if (!entry) throw new TlDecodeError(`bare ${t.name}`, r.offset, ctx);
      return readFields(r, entry, depth + 1);
    }
    case 'unsupported':
      throw new TlDecodeError(`${t.name} (not in this schema)`, r.offset, ctx);
  }
}

function readVector(
  r: BinaryReader,
  boxed: boolean,
  of: TypeRef,
  depth: number,
  ctx: number | undefined,
): unknown[] {
  if (depth > MAX_DEPTH) throw new TlDecodeError(`nesting depth <= ${MAX_DEPTH}`, r.offset, ctx);
  if (boxed) {
    const at = r.offset;
    const id = r.uint();
    if (id !== VECTOR_ID) throw new TlDecodeError('Vector (#1cb5c415)', at, id);
  }
  const at = r.offset;
  const count = r.int();
  if (count < 0 || count * minSize(of) > r.remaining) {
    throw new TlDecodeError(`vector count that fits the ${r.remaining} bytes left (got ${count})`, at, ctx);
  }
  const out = new Array<unknown>(count);
  for (let i = 0; i < count; i++) out[i] = readValue(r, of, depth + 1, ctx);
  return out;
}

/**
 * Reads a boxed value. `expected` is a type name, `'!X'` for any method, or undefined for `Object`
 * (any constructor or method; gzip_packed is unpacked; a boxed Vector becomes `{ _: 'vector', raw }`
 * holding the rest of the bytes, since its element type is only known to the caller).
 */
export function readBoxed(r: BinaryReader, expected: string | undefined, depth: number): unknown {
  const at = r.offset;
  if (depth > MAX_DEPTH) throw new TlDecodeError(`nesting depth <= ${MAX_DEPTH}`, at);
  const id = r.uint();
  if (expected === undefined) {
    if (id === GZIP_PACKED_ID) {
      const packedAt = r.offset;
      const inner = new BinaryReader(gunzipBounded(r.tlBytes(), packedAt));
      const value = readBoxed(inner, undefined, depth + 1);
      if (inner.remaining !== 0)
        throw new TlDecodeError('end of gzip_packed content', inner.offset, GZIP_PACKED_ID);
      return value;
    }
    if (id === VECTOR_ID) {
      const raw = r.bytes.slice(at, r.end);
      r.offset = r.end;
      return { _: 'vector', raw };
    }
  }
  const entry = byId.get(id);
  const ok =
    entry !== undefined &&
    (expected === undefined
      ? true
      : expected === '!X'
        ? entry.isMethod
        : !entry.isMethod && entry.type === expected);
  if (!ok)
    throw new TlDecodeError(
      expected === undefined ? 'a known constructor' : `a constructor of ${expected}`,
      at,
      id,
    );
  return readFields(r, entry, depth + 1);
}

/** Reads the fields of `entry` (its ID already consumed, or bare). */
export function readFields(r: BinaryReader, entry: TlEntry, depth: number): Obj {
  const obj: Obj = { _: entry.name };
  const words: Record<string, number> = {};
  for (const f of entry.fields) {
    if (f.type.k === 'nat') {
      words[f.name] = r.uint();
      continue;
    }
    if (f.flag && ((words[f.flag.word] ?? 0) >>> f.flag.bit) % 2 === 0) continue;
    if (entry.name === 'message' && f.name === 'body') {
      obj.body = readMessageBody(r, obj.bytes as number, depth);
      continue;
    }
    obj[f.name] = readValue(r, f.type, depth, entry.id);
  }
  if (entry.maxLayer !== undefined) fromLegacy(obj, entry.id);
  return obj;
}

/** `message msg_id:long seqno:int bytes:int body:Object`: the body is exactly `bytes` long. */
function readMessageBody(r: BinaryReader, length: number, depth: number): unknown {
  if (length < 4 || length % 4 !== 0 || length > r.remaining) {
    throw new TlDecodeError(
      `message length that is a multiple of 4 within ${r.remaining} bytes (got ${length})`,
      r.offset - 4,
    );
  }
  const body = new BinaryReader(r.bytes, r.offset, r.offset + length);
  const value = readBoxed(body, undefined, depth);
  if (body.remaining !== 0) throw new TlDecodeError('end of message body', body.offset);
  r.offset += length;
  return value;
}

function fromLegacy(obj: Obj, id: number): void {
  const adapters = LEGACY_ADAPTERS.get(id) ?? {};
  for (const [name, a] of Object.entries(adapters)) {
    if (obj[name] !== undefined) obj[name] = a.fromLegacy(obj[name]);
    else if (a.absent !== undefined) obj[name] = a.absent;
  }
}
