/**
 * Parser for TL schema text (the combinator lines of tl/schema/*.tl). Used by the generator
 * (scripts/gen-tl.ts), by the registry at load (the generated schema text, whose IDs are the CRC32s
 * computed here) and by the tests that recompute every constructor ID.
 */
import { crc32, normalizeTlLine } from './crc32.js';

/** One parameter of a combinator, e.g. `next_type:flags.1?auth.CodeType`. */
export interface TlParam {
  /** Name as written in the schema (`phone_code_hash`). */
  readonly name: string;
  /** Type without the condition (`auth.CodeType`, `Vector<long>`, `#`, `true`, `!X`). */
  readonly type: string;
  /** Present for conditional fields: the flags word and bit that guard it. */
  readonly flag?: { readonly field: string; readonly bit: number };
}

/** A constructor or method line. */
export interface TlCombinator {
  readonly kind: 'constructor' | 'method';
  readonly name: string;
  /** The ID written after `#`, or the CRC32 of the line when none is written (bare-only `message`). */
  readonly id: number;
  /** The CRC32 of the normalized line (core.telegram.org/mtproto/TL-tl). */
  readonly computedId: number;
  readonly params: readonly TlParam[];
  /** Result type for constructors (`auth.SentCode`) and methods (`X` for generic wrappers). */
  readonly type: string;
  /** The line as written, without a trailing comment. */
  readonly line: string;
  /** From a preceding `// @maxLayer N` comment (tl/schema/legacy.tl). */
  readonly maxLayer?: number;
}

/** Lines that describe built-in types rather than combinators (`int ? = Int;`, `vector {t:Type} # [ t ] = Vector t;`). */
const BUILTIN = /^(int|long|double|string|bytes|int128|int256|vector)\b/;

/** Parses schema text into combinators, in file order. */
export function parseTlSchema(text: string): TlCombinator[] {
  const out: TlCombinator[] = [];
  let kind: TlCombinator['kind'] = 'constructor';
  let maxLayer: number | undefined;
  for (const raw of text.split('\n')) {
    const layerMark = /^\/\/\s*@maxLayer\s+(\d+)/.exec(raw.trim());
    if (layerMark) maxLayer = Number(layerMark[1]);
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (line === '---types---') kind = 'constructor';
    else if (line === '---functions---') kind = 'method';
    if (line === '' || line.startsWith('---') || BUILTIN.test(line)) continue;
    out.push(parseLine(line, kind, maxLayer));
    maxLayer = undefined;
  }
  return out;
}

function parseLine(line: string, kind: TlCombinator['kind'], maxLayer: number | undefined): TlCombinator {
  const m = /^([\w.]+)(?:#([0-9a-fA-F]{1,8}))?\s+(.*?)\s*=\s*(.+?)\s*;$/.exec(line);
  if (!m) throw new SyntaxError(`unparsable TL line: ${line}`);
  const [, name, hexId, body, type] = m as unknown as [string, string, string | undefined, string, string];
  const params: TlParam[] = [];
  for (const token of body.split(/\s+/)) {
    if (token === '' || token.startsWith('{')) continue;
    const colon = token.indexOf(':');
    if (colon < 0) throw new SyntaxError(`bad parameter ${token} in: ${line}`);
    const pname = token.slice(0, colon);
    const ptype = token.slice(colon + 1);
    const cond = /^(\w+)\.(\d+)\?(.+)$/.exec(ptype);
    params.push(
      cond
        ? { name: pname, type: cond[3]!, flag: { field: cond[1]!, bit: Number(cond[2]) } }
        : { name: pname, type: ptype },
    );
  }
  const computedId = crc32(normalizeTlLine(line));
  const id = hexId === undefined ? computedId : parseInt(hexId, 16) >>> 0;
  return { kind, name, id, computedId, params, type, line, ...(maxLayer === undefined ? {} : { maxLayer }) };
}

/** `phone_code_hash` → `phoneCodeHash`, `g_a` → `gA`, `srp_B` → `srpB`; other names unchanged. */
export function camelCaseTl(name: string): string {
  return name.replace(/_([a-zA-Z0-9])/g, (_m, c: string) => c.toUpperCase());
}
