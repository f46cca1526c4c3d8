/**
 * A minimal WebAssembly binary writer (WebAssembly Core Specification 2.0, §5 "Binary Format"):
 * one exported memory and exported functions without parameters or results that use i64 locals,
 * with the few instructions straight-line hash code needs. sha512-wasm.ts builds its module with it at run
 * time, so no generated binary is checked in and no assembler joins the dependencies.
 */

/** Opcodes used by the generated code (§5.4). */
export const Op = {
  block: 0x02,
  loop: 0x03,
  br: 0x0c,
  brIf: 0x0d,
  end: 0x0b,
  localGet: 0x20,
  localSet: 0x21,
  i64Load: 0x29,
  i64Store: 0x37,
  i32Const: 0x41,
  i64Const: 0x42,
  i64Eqz: 0x50,
  i64Sub: 0x7d,
  i64Add: 0x7c,
  i64And: 0x83,
  i64Or: 0x84,
  i64Xor: 0x85,
  i64ShrU: 0x88,
  i64Rotr: 0x8a,
} as const;

/** The empty block type (a block or loop that leaves nothing on the stack). */
const VOID = 0x40;
const I64 = 0x7e;

/** A growable byte buffer: the module is ~40 KB, and number[] pushes cost more than the code they write. */
class Bytes {
  private buf: Uint8Array<ArrayBuffer> = new Uint8Array(256);
  length = 0;

  push(...bytes: number[]): void {
    this.reserve(bytes.length);
    for (const b of bytes) this.buf[this.length++] = b;
  }

  write(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  view(): Uint8Array<ArrayBuffer> {
    return this.buf.subarray(0, this.length);
  }

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.view());
    this.buf = next;
  }
}

function unsigned(n: number, out: Bytes): void {
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
}

/** Signed LEB128 of a value that fits a double exactly (|n| < 2^53): the common small case, no BigInt. */
function signedSmall(n: number, out: Bytes): void {
  for (;;) {
    const byte = n & 0x7f;
    n = Math.floor(n / 128);
    const done = (n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return;
  }
}

function signed(n: bigint, out: Bytes): void {
  for (;;) {
    const byte = Number(n & 0x7fn);
    n >>= 7n;
    const done = (n === 0n && (byte & 0x40) === 0) || (n === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return;
  }
}

/** The body of one function, written instruction by instruction. */
export class Code {
  private readonly out = new Bytes();

  /** What has been written so far. */
  get bytes(): Uint8Array {
    return this.out.view();
  }

  op(code: number): this {
    this.out.push(code);
    return this;
  }

  get(local: number): this {
    this.out.push(Op.localGet);
    unsigned(local, this.out);
    return this;
  }

  set(local: number): this {
    this.out.push(Op.localSet);
    unsigned(local, this.out);
    return this;
  }

  i32(value: number): this {
    this.out.push(Op.i32Const);
    signedSmall(value | 0, this.out);
    return this;
  }

  /** An i64 constant, taken modulo 2^64 (values >= 2^63 are written as their negative twin). */
  i64(value: bigint): this {
    this.out.push(Op.i64Const);
    const v = BigInt.asIntN(64, value);
    if (v >= -(1n << 52n) && v < 1n << 52n) signedSmall(Number(v), this.out);
    else signed(v, this.out);
    return this;
  }

  /** i64.load or i64.store at a constant offset from the address on the stack (8-byte aligned). */
  memory(code: typeof Op.i64Load | typeof Op.i64Store, offset: number): this {
    this.out.push(code, 3);
    unsigned(offset, this.out);
    return this;
  }

  /** Appends bytes another Code wrote (a shared run of instructions). */
  append(bytes: Uint8Array): this {
    this.out.write(bytes);
    return this;
  }

  /** `block` or `loop` with no result; close it with `op(Op.end)`. */
  open(code: typeof Op.block | typeof Op.loop): this {
    this.out.push(code, VOID);
    return this;
  }

  branch(code: typeof Op.br | typeof Op.brIf, depth: number): this {
    this.out.push(code);
    unsigned(depth, this.out);
    return this;
  }
}

/** One exported function `() -> ()` with `locals` i64 locals. */
export interface WasmFunction {
  readonly name: string;
  readonly locals: number;
  readonly code: Code;
}

function section(id: number, payload: Bytes, out: Bytes): void {
  out.push(id);
  unsigned(payload.length, out);
  out.write(payload.view());
}

function name(text: string, out: Bytes): void {
  const bytes = new TextEncoder().encode(text);
  unsigned(bytes.length, out);
  out.write(bytes);
}

/** A module exporting its memory (one page, as "mem") and `functions`, all of type () -> (). */
export function wasmModule(functions: readonly WasmFunction[]): Uint8Array<ArrayBuffer> {
  const out = new Bytes();
  out.push(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
  const types = new Bytes();
  types.push(1, 0x60, 0, 0); // one type, () -> ()
  section(1, types, out);
  const indices = new Bytes();
  unsigned(functions.length, indices);
  for (let i = 0; i < functions.length; i++) indices.push(0);
  section(3, indices, out);
  const memory = new Bytes();
  memory.push(1, 0x00, 1); // one memory, at least one page, no maximum
  section(5, memory, out);
  const exports = new Bytes();
  unsigned(functions.length + 1, exports);
  name('mem', exports);
  exports.push(0x02, 0);
  functions.forEach((f, i) => {
    name(f.name, exports);
    exports.push(0x00);
    unsigned(i, exports);
  });
  section(7, exports, out);
  const bodies = new Bytes();
  unsigned(functions.length, bodies);
  for (const f of functions) {
    const body = new Bytes();
    body.push(1);
    unsigned(f.locals, body);
    body.push(I64);
    body.write(f.code.bytes);
    body.push(Op.end);
    unsigned(body.length, bodies);
    bodies.write(body.view());
  }
  section(10, bodies, out);
  return out.view().slice();
}
