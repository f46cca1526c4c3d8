// fast-check arbitraries for every TL constructor and method, built from the compiled registry, so the
// round-trip and fuzz tests cover the whole schema without hand-written samples.
import fc from 'fast-check';
import { gzipSync } from 'fflate';
import { serializeObject, type TlAny } from '../../src/tl/index.js';
import { byName, type TlEntry, type TlField, type TypeRef } from '../../src/tl/registry.js';

type Obj = Record<string, unknown>;
const MAX_DEPTH = 3;

const entries = [...byName.values()];
/** Constructors of each boxed type. */
const ofType = new Map<string, TlEntry[]>();
for (const e of entries) if (!e.isMethod) ofType.set(e.type, [...(ofType.get(e.type) ?? []), e]);

/** An entry can stop recursion when none of its required fields is boxed, a vector or Object. */
const isLeaf = (e: TlEntry) =>
  e.fields.every(
    (f) =>
      f.flag !== undefined ||
      !['boxed', 'vector', 'object', 'method', 'bare', 'unsupported'].includes(f.type.k),
  );

/** Entries that a generic Object/!X slot may hold (gzip_packed is unpacked on read, so it is tested apart). */
const objectEntries = entries.filter((e) => !e.isMethod && e.name !== 'gzip_packed' && e.name !== 'message');
const methodEntries = entries.filter((e) => e.isMethod);

function valueArb(t: TypeRef, depth: number): fc.Arbitrary<unknown> {
  switch (t.k) {
    case 'int':
      return fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
    case 'nat':
      return fc.integer({ min: 0, max: 2 ** 32 - 1 });
    case 'long':
      return fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n });
    case 'double':
      return fc.double();
    case 'int128':
      return fc.uint8Array({ minLength: 16, maxLength: 16 });
    case 'int256':
      return fc.uint8Array({ minLength: 32, maxLength: 32 });
    case 'bytes':
      return fc.oneof(fc.uint8Array({ maxLength: 20 }), fc.uint8Array({ minLength: 250, maxLength: 300 }));
    case 'string':
      return fc.string({ unit: 'grapheme', maxLength: 12 });
    case 'bool':
    case 'true':
      return fc.boolean();
    case 'vector':
      return fc.array(valueArb(t.of, depth + 1), { maxLength: depth >= MAX_DEPTH ? 0 : 3 });
    case 'object':
      return fc.oneof(...pick(objectEntries, depth).map((e) => entryArb(e, depth + 1)));
    case 'method':
      return fc.oneof(...pick(methodEntries, depth).map((e) => entryArb(e, depth + 1)));
    case 'boxed':
      return fc.oneof(...pick(ofType.get(t.type)!, depth).map((e) => entryArb(e, depth + 1)));
    case 'bare':
      return entryArb(byName.get(t.name)!, depth + 1);
    case 'unsupported':
      return fc.constant(undefined);
  }
}

function pick(list: TlEntry[], depth: number): TlEntry[] {
  if (depth < MAX_DEPTH) return list;
  const leaves = list.filter(isLeaf);
  return leaves.length > 0 ? leaves : list.slice(0, 1);
}

const arbCache = new Map<string, fc.Arbitrary<Obj>>();

/** Values for one constructor or method: each flag bit is chosen once, so fields sharing a bit agree. */
export function entryArb(e: TlEntry, depth = 0): fc.Arbitrary<Obj> {
  const key = `${e.name}@${Math.min(depth, MAX_DEPTH + 1)}`;
  const cached = arbCache.get(key);
  if (cached) return cached;
  const bits = [...new Set(e.fields.filter((f) => f.flag).map((f) => `${f.flag!.word}.${f.flag!.bit}`))];
  const fields = e.fields.filter((f) => f.type.k !== 'nat');
  const arb = fc
    .tuple(
      fc.array(fc.boolean(), { minLength: bits.length, maxLength: bits.length }),
      ...fields.map((f) => fieldArb(f, depth)),
    )
    .map(([on, ...values]) => {
      const o: Obj = { _: e.name };
      fields.forEach((f, i) => {
        const present = !f.flag || (on[bits.indexOf(`${f.flag.word}.${f.flag.bit}`)] ?? false);
        if (!present) return;
        if (f.type.k === 'true') o[f.name] = true;
        else if (values[i] !== undefined) o[f.name] = values[i];
      });
      // An optional field of a type this schema lacks cannot be present, nor can its bit be set.
      for (const f of fields) if (f.flag && f.type.k === 'unsupported') clearBit(o, fields, f);
      if (e.name === 'message') o.bytes = serializeObject(o.body as TlAny).length;
      return o;
    });
  arbCache.set(key, arb);
  return arb;
}

function fieldArb(f: TlField, depth: number): fc.Arbitrary<unknown> {
  return valueArb(f.type, depth);
}

function clearBit(o: Obj, fields: TlField[], f: TlField): void {
  for (const g of fields) if (g.flag?.word === f.flag!.word && g.flag.bit === f.flag!.bit) delete o[g.name];
}

/** A gzip_packed object holding a serialized constructor (what a server sends for large results). */
export function gzipPackedArb(): fc.Arbitrary<{ packed: Obj; inner: Obj }> {
  return fc.oneof(...objectEntries.filter(isLeaf).map((e) => entryArb(e, MAX_DEPTH))).map((inner) => ({
    inner,
    packed: { _: 'gzip_packed', packedData: gzipSync(serializeObject(inner as TlAny)) },
  }));
}

/** Every constructor and method name in the schema. */
export const allEntries: readonly TlEntry[] = entries;
