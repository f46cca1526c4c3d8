/**
 * The JavaScript around sha512-wasm.ts's module: PBKDF2-HMAC-SHA512 with one 64-byte block
 * (RFC 8018 §5.2, dkLen = hLen). It is source text because it runs inside the modpow worker, which
 * evaluates plain JavaScript (node-pow-workers.ts); tests evaluate the same text in process.
 *
 * `function* (wasm, hmac, hash, password, salt, iterations, chunk)`: `wasm` is the instance's
 * exports; `hmac(key, data)` and `hash(data)` are HMAC-SHA512 and SHA-512 (node:crypto's), used
 * once each for U1 and an over-long password. It yields after every `chunk` iterations but the last
 * (so its caller can serve other work) and returns the 64-byte key. The key block, midstates, U and
 * T are zeroed when it ends, however it ends.
 */
import { KEY, N, T, U } from './sha512-wasm.js';

export const WASM_PBKDF2_DRIVER = `function* (wasm, hmac, hash, password, salt, iterations, chunk) {
  const view = new DataView(wasm.mem.buffer);
  const scratch = new Uint8Array(wasm.mem.buffer, 0, ${N + 8});
  try {
    const key = password.length > 128 ? hash(password) : password;
    const block = new Uint8Array(128);
    block.set(key);
    if (key !== password) key.fill(0);
    const be = new DataView(block.buffer);
    for (let i = 0; i < 16; i++) view.setBigUint64(${KEY} + 8 * i, be.getBigUint64(8 * i), true);
    block.fill(0);
    wasm.hmacInit();
    const salted = new Uint8Array(salt.length + 4);
    salted.set(salt);
    salted[salt.length + 3] = 1;
    const u1 = hmac(password, salted);
    const u = new DataView(u1.buffer, u1.byteOffset, 64);
    for (let i = 0; i < 8; i++) {
      const w = u.getBigUint64(8 * i);
      view.setBigUint64(${U} + 8 * i, w, true);
      view.setBigUint64(${T} + 8 * i, w, true);
    }
    u1.fill(0);
    for (let left = iterations - 1; left > 0; left -= chunk) {
      view.setBigUint64(${N}, BigInt(Math.min(chunk, left)), true);
      wasm.iterate();
      if (left > chunk) yield;
    }
    const out = new Uint8Array(64);
    const o = new DataView(out.buffer);
    for (let i = 0; i < 8; i++) o.setBigUint64(8 * i, view.getBigUint64(${T} + 8 * i, true));
    return out;
  } finally {
    scratch.fill(0);
  }
}`;
