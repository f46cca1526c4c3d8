/** TL writer for hand-written layouts: the primitives of BinaryWriter plus boxed objects and typed values. */
import { BinaryWriter } from './binary-writer.js';
import { writeBoxed, writeValue, type EncodeOptions } from './encode.js';
import { parseType } from './registry.js';
import type { TlAny } from './generated/types.js';

/**
 * Writes TL into a growable buffer; `finish()` returns the bytes. Malformed objects throw TlEncodeError.
 * Example: `new TlWriter().long(salt).long(sessionId).object(req).finish()`.
 */
export class TlWriter extends BinaryWriter {
  constructor(
    private readonly options: EncodeOptions = {},
    initialSize?: number,
  ) {
    super(initialSize);
  }

  /** A boxed constructor or method call. */
  object(value: TlAny): this {
    writeBoxed(this, value, undefined, '', this.options);
    return this;
  }

  /** A value of any schema type expression, e.g. `writer.value('Vector<long>', [1n])`. */
  value(type: string, value: unknown): this {
    writeValue(this, parseType(type), value, type, this.options);
    return this;
  }
}
