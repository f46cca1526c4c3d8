// The registry compiles the generated schema text, whose lines carry no `#id`: every ID it computes must be
// the one written in src/tl/schema/*.tl, for the same name, kind and (legacy) layer bound.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTlSchema } from '../../src/tl/parse-schema.js';
import { byId, byName, legacyByName } from '../../src/tl/registry.js';
import { registerLegacyVariants, TL_METHOD_NAMES } from '../../src/tl/index.js';

registerLegacyVariants();

const schemaDir = join(import.meta.dirname, '..', '..', 'src', 'tl', 'schema');
// In the generator's order (scripts/gen-tl.ts), which is the schema order of TL_METHOD_NAMES.
const written = ['mtproto.tl', 'api.tl', 'extra.tl', 'legacy.tl'].flatMap((f) =>
  parseTlSchema(readFileSync(join(schemaDir, f), 'utf8')),
);

describe('registry', () => {
  it('holds every combinator of the schema files under its written ID', () => {
    const missing = written.filter((c) => {
      const e = byId.get(c.id);
      return e?.name !== c.name || e.isMethod !== (c.kind === 'method') || e.maxLayer !== c.maxLayer;
    });
    expect(missing.map((c) => c.line)).toEqual([]);
    expect(byId.size).toBe(new Set(written.map((c) => c.id)).size);
  });

  it('names current entries and legacy variants apart', () => {
    const legacy = written.filter((c) => c.maxLayer !== undefined);
    expect(legacy.length).toBeGreaterThan(0);
    for (const c of legacy) {
      expect(byName.get(c.name)?.id).not.toBe(c.id);
      expect(legacyByName.get(c.name)?.map((e) => e.id)).toContain(c.id);
    }
  });

  it('compiles fields camelCase with their flags', () => {
    const sendCode = byName.get('auth.sentCode')!;
    expect(sendCode.id).toBe(0x5e002502);
    expect(sendCode.fields.map((f) => [f.name, f.type.k, f.flag?.bit])).toEqual([
      ['flags', 'nat', undefined],
      ['type', 'boxed', undefined],
      ['phoneCodeHash', 'string', undefined],
      ['nextType', 'boxed', 1],
      ['timeout', 'int', 2],
    ]);
  });

  it('lists the methods in schema order', () => {
    const methods = written.filter((c) => c.kind === 'method').map((c) => c.name);
    expect(TL_METHOD_NAMES).toEqual(methods.filter((n, i) => methods.indexOf(n) === i));
    expect(TL_METHOD_NAMES).toContain('auth.sendCode');
  });
});
