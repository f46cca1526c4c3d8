/**
 * RSA keys for the auth key handshake: PEM parsing (PKCS#1, SPKI, PKCS#8) and Telegram key
 * fingerprints (core.telegram.org/mtproto/auth_key): the lower 64 bits of SHA1 of the bare TL
 * `rsa_public_key n:string e:string = RSAPublicKey`, i.e. digest bytes [12, 20) read little-endian.
 */
import { bigintToBytes, bytesToBigint, concatBytes } from './bytes.js';
import { DerReader, decodePem } from './der.js';
import { CryptoInputError } from './errors.js';
import { sha1 } from './hashes.js';

/** An RSA public key with its Telegram fingerprint (an unsigned 64-bit value). */
export interface RsaPublicKey {
  n: bigint;
  e: bigint;
  fingerprint: bigint;
}

/** An RSA private key (PKCS#1 fields); `p`, `q` and the CRT values allow fast decryption. */
export interface RsaPrivateKey extends RsaPublicKey {
  d: bigint;
  p: bigint;
  q: bigint;
  dp: bigint;
  dq: bigint;
  qinv: bigint;
}

/** TL `bytes` serialization (core.telegram.org/mtproto/serialize), local so crypto/ does not depend on tl/. */
function tlBytes(data: Uint8Array): Uint8Array {
  const header = data.length < 254 ? Uint8Array.of(data.length) : Uint8Array.of(254, data.length & 0xff, (data.length >> 8) & 0xff, data.length >> 16);
  const pad = (4 - ((header.length + data.length) % 4)) % 4;
  return concatBytes(header, data, new Uint8Array(pad));
}

/** Telegram fingerprint of (n, e) as an unsigned 64-bit bigint (wire order = its 8 LE bytes). */
export function rsaFingerprint(n: bigint, e: bigint): bigint {
  const digest = sha1(concatBytes(tlBytes(bigintToBytes(n)), tlBytes(bigintToBytes(e))));
  return bytesToBigint(digest.slice(12, 20).reverse());
}

function publicKey(n: bigint, e: bigint): RsaPublicKey {
  if (n < 1n << 1023n) throw new CryptoInputError('RSA modulus is smaller than 1024 bits');
  return { n, e, fingerprint: rsaFingerprint(n, e) };
}

/** Parses `-----BEGIN RSA PUBLIC KEY-----` (PKCS#1) or `-----BEGIN PUBLIC KEY-----` (SPKI). */
export function parseRsaPublicKey(pem: string): RsaPublicKey {
  const { label, der } = decodePem(pem);
  let body = der;
  if (label === 'PUBLIC KEY') {
    const spki = new DerReader(der).sequence();
    spki.sequence(); // AlgorithmIdentifier (rsaEncryption); the key structure below is checked anyway
    body = spki.bitString();
  } else if (label !== 'RSA PUBLIC KEY') {
    throw new CryptoInputError(`unsupported public key PEM label: ${label}`);
  }
  const seq = new DerReader(body).sequence();
  return publicKey(seq.integer(), seq.integer());
}

/** Parses `-----BEGIN RSA PRIVATE KEY-----` (PKCS#1) or `-----BEGIN PRIVATE KEY-----` (PKCS#8). */
export function parseRsaPrivateKey(pem: string): RsaPrivateKey {
  const { label, der } = decodePem(pem);
  let body = der;
  if (label === 'PRIVATE KEY') {
    const info = new DerReader(der).sequence();
    info.integer(); // version
    info.sequence(); // AlgorithmIdentifier
    body = info.octetString();
  } else if (label !== 'RSA PRIVATE KEY') {
    throw new CryptoInputError(`unsupported private key PEM label: ${label}`);
  }
  const seq = new DerReader(body).sequence();
  if (seq.integer() !== 0n) throw new CryptoInputError('only two-prime RSA private keys are supported');
  const [n, e, d, p, q, dp, dq, qinv] = Array.from({ length: 8 }, () => seq.integer()) as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];
  if (p * q !== n) throw new CryptoInputError('RSA private key: p * q != n');
  return { ...publicKey(n, e), d, p, q, dp, dq, qinv };
}

/** The fingerprint as the 8 bytes sent on the wire (TL `long`, little-endian). */
export function fingerprintToWire(fingerprint: bigint): Uint8Array {
  return bigintToBytes(fingerprint, 8).reverse();
}
