import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KEY, N, pbkdf2Sha512Wasm, T } from '../../../src/adapters/crypto/sha512-wasm.js';
import { Code, Op, wasmModule } from '../../../src/adapters/crypto/wasm-emit.js';
import { WASM_PBKDF2_DRIVER } from '../../../src/adapters/crypto/wasm-pbkdf2-driver.js';
import { fixedRandom } from '../../helpers/fixed-random.js';

interface KdfExports {
  mem: WebAssembly.Memory;
  hmacInit: () => void;
  iterate: () => void;
}
type Driver = (
  wasm: KdfExports,
  hmac: (key: Uint8Array, data: Uint8Array) => Uint8Array,
  hash: (data: Uint8Array) => Uint8Array,
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  chunk: number,
) => Generator<undefined, Uint8Array>;

// The worker evaluates the driver's text; so does this test.
const driver = new Function(`return (${WASM_PBKDF2_DRIVER});`)() as Driver;
const hmac = (key: Uint8Array, data: Uint8Array) =>
  new Uint8Array(createHmac('sha512', key).update(data).digest());
const hash = (data: Uint8Array) => new Uint8Array(createHash('sha512').update(data).digest());
const instance = async () =>
  (await WebAssembly.instantiate(pbkdf2Sha512Wasm())).instance.exports as unknown as KdfExports;

function derive(
  wasm: KdfExports,
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  chunk = 1000,
): { key: Uint8Array; yields: number } {
  const steps = driver(wasm, hmac, hash, password, salt, iterations, chunk);
  let yields = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { key: step.value, yields };
    yields++;
  }
}

describe('PBKDF2-HMAC-SHA512 in WebAssembly (sha512-wasm.ts + its driver)', () => {
  it('builds a valid module, once', () => {
    expect(WebAssembly.validate(pbkdf2Sha512Wasm())).toBe(true);
    expect(pbkdf2Sha512Wasm()).toBe(pbkdf2Sha512Wasm());
  });

  it("equals OpenSSL's PBKDF2 across key-block edges (passwords of 0..200 bytes), salts and iteration counts", async () => {
    const wasm = await instance();
    const random = fixedRandom('sha512-wasm');
    for (const pwLen of [0, 1, 32, 64, 111, 112, 127, 128, 129, 200]) {
      for (const [saltLen, iterations] of [
        [0, 1],
        [16, 2],
        [111, 3],
        [200, 1001],
      ] as const) {
        const password = random.bytes(pwLen);
        const salt = random.bytes(saltLen);
        const want = new Uint8Array(pbkdf2Sync(password, salt, iterations, 64, 'sha512'));
        expect(
          derive(wasm, password, salt, iterations).key,
          `password ${pwLen} B, salt ${saltLen} B, ${iterations} iterations`,
        ).toEqual(want);
      }
    }
  });

  it('runs 2FA-sized work (100,000 iterations) in chunks, yielding between them but not after the last', async () => {
    const wasm = await instance();
    const password = new TextEncoder().encode('ph1: 32 bytes of sha256 output..');
    const salt = new TextEncoder().encode('salt1 of 8..40 b');
    const { key, yields } = derive(wasm, password, salt, 100_000, 4096);
    expect(key).toEqual(new Uint8Array(pbkdf2Sync(password, salt, 100_000, 64, 'sha512')));
    expect(yields).toBe(Math.ceil(99_999 / 4096) - 1);
  });

  it('zeroes the key block, midstates, U, T and the counter when it ends, returned or abandoned', async () => {
    const wasm = await instance();
    const scratch = () => new Uint8Array(wasm.mem.buffer, KEY, N + 8);
    derive(wasm, new TextEncoder().encode('secret'), new Uint8Array(8), 5000);
    expect(scratch().every((b) => b === 0)).toBe(true);
    const steps = driver(wasm, hmac, hash, new TextEncoder().encode('secret'), new Uint8Array(8), 5000, 1000);
    steps.next();
    expect(new Uint8Array(wasm.mem.buffer, T, 64).some((b) => b !== 0)).toBe(true);
    steps.return(new Uint8Array(0));
    expect(scratch().every((b) => b === 0)).toBe(true);
  });
});

describe('wasm-emit', () => {
  it('writes i64 constants at every LEB128 length and sign edge exactly', async () => {
    const values = [
      0n,
      1n,
      -1n,
      63n,
      64n,
      -64n,
      -65n,
      8191n,
      8192n,
      (1n << 52n) - 1n,
      1n << 52n,
      -(1n << 52n),
      -(1n << 52n) - 1n,
      (1n << 63n) - 1n,
      1n << 63n,
      (1n << 64n) - 1n,
    ];
    const c = new Code();
    values.forEach((v, i) => {
      c.i32(0)
        .i64(v)
        .memory(Op.i64Store, 8 * i);
    });
    const { instance: inst } = await WebAssembly.instantiate(
      wasmModule([{ name: 'run', locals: 0, code: c }]),
    );
    const exports = inst.exports as unknown as { mem: WebAssembly.Memory; run: () => void };
    exports.run();
    const view = new DataView(exports.mem.buffer);
    values.forEach((v, i) => expect(view.getBigUint64(8 * i, true)).toBe(BigInt.asUintN(64, v)));
  });
});
