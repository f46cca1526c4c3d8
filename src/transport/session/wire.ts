/**
 * Little-endian helpers for the fixed-offset layouts of the encrypted session (core.telegram.org/mtproto/description,
 * core.telegram.org/mtproto/service_messages "Simple Container"): the plaintext header, container entries and rpc_result headers are read at known offsets,
 * so a DataView is simpler and faster here than a general TL reader.
 */

/** A DataView over exactly the bytes of `b` (which may be a subarray). */
export function viewOf(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

/** Reads a signed TL `long` at `offset`. */
export function readLong(b: Uint8Array, offset: number): bigint {
  return viewOf(b).getBigInt64(offset, true);
}

/** Reads a TL `int` at `offset`. */
export function readInt(b: Uint8Array, offset: number): number {
  return viewOf(b).getInt32(offset, true);
}

/** Reads a constructor id (unsigned) at `offset`. */
export function readUint(b: Uint8Array, offset: number): number {
  return viewOf(b).getUint32(offset, true);
}

/** Writes a TL `long` (any 64-bit value, signed or not) at `offset`. */
export function writeLong(b: Uint8Array, offset: number, value: bigint): void {
  viewOf(b).setBigUint64(offset, BigInt.asUintN(64, value), true);
}

/** Writes a TL `int` at `offset`. */
export function writeInt(b: Uint8Array, offset: number, value: number): void {
  viewOf(b).setInt32(offset, value | 0, true);
}

/** The 8 wire bytes of a `long` (auth_key_id, salt, session_id). */
export function longBytes(value: bigint): Uint8Array {
  const out = new Uint8Array(8);
  writeLong(out, 0, value);
  return out;
}

/** Constructor ids the session layer reads or writes by hand (src/tl/schema/mtproto.tl). */
export const Ids = {
  msgContainer: 0x73f1f8dc,
  rpcResult: 0xf35c6d01,
  rpcError: 0x2144ca19,
  gzipPacked: 0x3072cfa1,
  msgsAck: 0x62d6b459,
  vector: 0x1cb5c415,
} as const;
