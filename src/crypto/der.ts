/**
 * Just enough DER (ITU-T X.690) and PEM (RFC 7468) to read RSA keys: PKCS#1 RSAPublicKey and
 * RSAPrivateKey, X.509 SubjectPublicKeyInfo and PKCS#8 PrivateKeyInfo. No I/O, no Buffer.
 */
import { bytesToBigint } from './bytes.js';
import { CryptoInputError } from './errors.js';

/** A PEM block: its label (`RSA PUBLIC KEY`, `PUBLIC KEY`, ...) and DER body. */
export interface PemBlock {
  label: string;
  der: Uint8Array;
}

/** Decodes the first PEM block in `pem`. */
export function decodePem(pem: string): PemBlock {
  const m = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(pem);
  if (!m) throw new CryptoInputError('not a PEM block');
  let bin: string;
  try {
    bin = atob(m[2]!.replace(/\s+/g, ''));
  } catch (cause) {
    throw new CryptoInputError('PEM body is not base64', { cause });
  }
  const der = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) der[i] = bin.charCodeAt(i);
  return { label: m[1]!, der };
}

/** A sequential DER reader over one constructed value's contents. */
export class DerReader {
  private offset = 0;
  constructor(private readonly bytes: Uint8Array) {}

  get done(): boolean {
    return this.offset >= this.bytes.length;
  }

  /** Reads one TLV with the expected tag and returns its contents. */
  read(tag: number): Uint8Array {
    const b = this.bytes;
    if (b[this.offset] !== tag) {
      throw new CryptoInputError(`DER: expected tag 0x${tag.toString(16)} at offset ${this.offset}`);
    }
    let len = b[this.offset + 1];
    let pos = this.offset + 2;
    if (len === undefined) throw new CryptoInputError('DER: truncated');
    if (len & 0x80) {
      const n = len & 0x7f;
      if (n === 0 || n > 4) throw new CryptoInputError('DER: unsupported length');
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + (b[pos++] ?? 0);
    }
    if (pos + len > b.length) throw new CryptoInputError('DER: value runs past the end');
    this.offset = pos + len;
    return b.subarray(pos, pos + len);
  }

  sequence(): DerReader {
    return new DerReader(this.read(0x30));
  }

  /** A non-negative INTEGER. */
  integer(): bigint {
    const v = this.read(0x02);
    if (v.length === 0 || (v[0]! & 0x80) !== 0) throw new CryptoInputError('DER: expected a non-negative INTEGER');
    return bytesToBigint(v);
  }

  /** BIT STRING contents without the unused-bits byte (which must be 0). */
  bitString(): Uint8Array {
    const v = this.read(0x03);
    if (v[0] !== 0) throw new CryptoInputError('DER: BIT STRING with unused bits');
    return v.subarray(1);
  }

  octetString(): Uint8Array {
    return this.read(0x04);
  }
}
