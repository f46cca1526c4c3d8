/** TL reader for hand-written layouts: the primitives of BinaryReader plus boxed objects and typed values. */
import { BinaryReader } from './binary-reader.js';
import { readBoxed, readValue } from './decode.js';
import { parseType } from './registry.js';
import type { TlAny, TlMethod, TlObject } from './generated/types.js';

/**
 * Reads TL from `bytes[start, end)`. Every method throws TlDecodeError (and only that) on bad input.
 * Example: `const r = new TlReader(plain); const salt = r.long(); ...; const body = r.object();`
 */
export class TlReader extends BinaryReader {
  /** Any boxed value (`Object`): a constructor or a method call; gzip_packed is unpacked. */
  object(): TlAny {
    return readBoxed(this, undefined, 0) as TlAny;
  }

  /** A boxed constructor of the named type, e.g. `reader.boxed('Server_DH_Params')`. */
  boxed(typeName: string): TlObject {
    return readBoxed(this, typeName, 0) as TlObject;
  }

  /** A boxed method call (what a server reads from a client). */
  method(): TlMethod {
    return readBoxed(this, '!X', 0) as TlMethod;
  }

  /** A value of any schema type expression, e.g. `reader.value('Vector<long>')`. */
  value(type: string): unknown {
    return readValue(this, parseType(type), 0, undefined);
  }

  /** Fails unless every byte was consumed. */
  expectEnd(): void {
    this.need(0, 'end');
    if (this.remaining !== 0) this.need(this.remaining + 1, 'end of input (trailing bytes)');
  }
}
