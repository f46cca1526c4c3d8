/**
 * The cluster's RSA public key as the CLI prints it: PKCS#1 `RSAPublicKey ::= SEQUENCE { modulus
 * INTEGER, publicExponent INTEGER }` in DER, base64 in a PEM block (the format Telegram publishes its
 * keys in and clients paste into their config), and the fingerprint as 16 hex digits.
 */
import { bigintToBytes, concatBytes, type RsaPublicKey } from '../../crypto/index.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding (no platform Buffer/btoa, so the layer stays portable). */
export function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? B64[n & 63]! : '=';
  }
  return out;
}

/** DER length octets (short form below 128, long form above). */
function derLength(n: number): Uint8Array {
  if (n < 128) return Uint8Array.of(n);
  const bytes = bigintToBytes(BigInt(n));
  return concatBytes(Uint8Array.of(0x80 | bytes.length), bytes);
}

/** A DER INTEGER for a non-negative value: a leading zero keeps the sign bit clear. */
function derInteger(v: bigint): Uint8Array {
  let body = bigintToBytes(v);
  if (body.length === 0) body = Uint8Array.of(0);
  if (body[0]! & 0x80) body = concatBytes(Uint8Array.of(0), body);
  return concatBytes(Uint8Array.of(0x02), derLength(body.length), body);
}

/** `-----BEGIN RSA PUBLIC KEY-----` PEM of (n, e). */
export function rsaPublicKeyPem(key: Pick<RsaPublicKey, 'n' | 'e'>): string {
  const body = concatBytes(derInteger(key.n), derInteger(key.e));
  const der = concatBytes(Uint8Array.of(0x30), derLength(body.length), body);
  const lines = base64(der).match(/.{1,64}/g) ?? [];
  return ['-----BEGIN RSA PUBLIC KEY-----', ...lines, '-----END RSA PUBLIC KEY-----', ''].join('\n');
}

/** A Telegram key fingerprint (unsigned 64-bit) as 16 lowercase hex digits. */
export function fingerprintHex(fingerprint: bigint): string {
  return BigInt.asUintN(64, fingerprint).toString(16).padStart(16, '0');
}
