/**
 * The simulator's stand-in for Google's Firebase Phone Number Verification token issuer. In Telegram's
 * flow (layer 229: auth.initFirebasePnvLogin -> the device's credential provider -> Firebase ->
 * auth.finishFirebasePnvLogin google_token) the server trusts a token Google signed over the verified
 * number and the nonce it handed out. Here the simulator is the issuer: its own P-256 key signs compact
 * JWTs (RFC 7519, ES256 per RFC 7518 §3.4) that it alone can verify. The claim set is ours: Telegram does
 * not publish what it checks in Google's token (UNVERIFIED beyond "a phone number bound to the nonce").
 */
import { p256 } from '@noble/curves/nist.js';
import type { Random } from '../../crypto/index.js';

/** `iss` and `aud` of the tokens the simulator issues. */
export const FIREBASE_PNV_ISSUER = 'https://fpnv.tgauth-simulator.invalid';
export const FIREBASE_PNV_AUDIENCE = 'telegram';
/** How long an issued token is accepted (Google's lifetime is not documented for this use). */
export const FIREBASE_PNV_TOKEN_TTL_SECONDS = 300;

/** What a verified token says. */
export interface FirebasePnvClaims {
  /** The verified number, digits only. */
  readonly phone: string;
  readonly nonce: string;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
}

/** Why a token was refused. */
export type FirebasePnvTokenProblem = 'invalid' | 'expired';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function base64urlOf(data: Uint8Array): string {
  let s = '';
  for (const b of data) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function bytesOfBase64url(text: string): Uint8Array | undefined {
  if (!/^[\w-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** The issuer: a key pair made from the simulator's randomness on first use. */
export class FirebasePnvIssuer {
  private key: { secretKey: Uint8Array; publicKey: Uint8Array } | undefined;

  constructor(private readonly random: Random) {}

  /** The SEC1 public key tokens verify against. */
  get publicKey(): Uint8Array {
    return this.keys().publicKey;
  }

  /** A token for `phone` (digits, with or without '+') bound to `nonce`, issued at `nowSeconds`. */
  issue(phone: string, nonce: string, nowSeconds: number): string {
    const header = { alg: 'ES256', typ: 'JWT' };
    const digits = phone.replace(/\D/g, '');
    const claims = {
      iss: FIREBASE_PNV_ISSUER,
      aud: FIREBASE_PNV_AUDIENCE,
      sub: `+${digits}`,
      phone_number: `+${digits}`,
      nonce,
      iat: nowSeconds,
      exp: nowSeconds + FIREBASE_PNV_TOKEN_TTL_SECONDS,
    };
    const input = `${base64urlOf(encoder.encode(JSON.stringify(header)))}.${base64urlOf(encoder.encode(JSON.stringify(claims)))}`;
    const signature = p256.sign(encoder.encode(input), this.keys().secretKey, { prehash: true, format: 'compact' });
    return `${input}.${base64urlOf(signature)}`;
  }

  /** The claims of a token this issuer signed, or why not. */
  verify(token: string, nowSeconds: number): FirebasePnvClaims | FirebasePnvTokenProblem {
    const parts = token.split('.');
    if (parts.length !== 3) return 'invalid';
    const [h, c, s] = parts as [string, string, string];
    const signature = bytesOfBase64url(s);
    let header: Record<string, unknown>;
    let claims: Record<string, unknown>;
    try {
      header = JSON.parse(decoder.decode(bytesOfBase64url(h))) as Record<string, unknown>;
      claims = JSON.parse(decoder.decode(bytesOfBase64url(c))) as Record<string, unknown>;
    } catch {
      return 'invalid';
    }
    if (header.alg !== 'ES256' || !signature || signature.length !== 64) return 'invalid';
    let ok = false;
    try {
      ok = p256.verify(signature, encoder.encode(`${h}.${c}`), this.keys().publicKey, { prehash: true, format: 'compact' });
    } catch {
      ok = false;
    }
    const { iss, aud, phone_number: phone, nonce, exp } = claims;
    if (!ok || iss !== FIREBASE_PNV_ISSUER || aud !== FIREBASE_PNV_AUDIENCE) return 'invalid';
    if (typeof phone !== 'string' || !/^\+\d{5,15}$/.test(phone) || typeof nonce !== 'string' || typeof exp !== 'number') {
      return 'invalid';
    }
    if (exp <= nowSeconds) return 'expired';
    return { phone: phone.slice(1), nonce, expiresAt: exp };
  }

  private keys(): { secretKey: Uint8Array; publicKey: Uint8Array } {
    this.key ??= p256.keygen(this.random.bytes(p256.lengths.seed ?? 48));
    return this.key;
  }
}
