/**
 * The QR login deep link (core.telegram.org/api/qr-login step 2, core.telegram.org/api/links): `tg://login?token=<base64url(token)>`, with
 * the RFC 4648 §5 alphabet and padding stripped. Parsing is strict so that a scanned link that is
 * not a login token gives a clear error before anything is sent.
 */
import { AuthEngineError } from '../core/index.js';

const B64URL = /^[A-Za-z0-9_-]*$/;

/** RFC 4648 §5 base64url without padding. */
export function base64urlEncode(data: Uint8Array): string {
  let s = '';
  for (const b of data) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes base64url (padding optional); throws `AuthEngineError('base64url.invalid')` on bad input. */
export function base64urlDecode(text: string): Uint8Array {
  const bare = text.replace(/=+$/, '');
  if (!B64URL.test(bare) || bare.length % 4 === 1) throw new AuthEngineError('base64url.invalid', 'not base64url');
  const binary = atob(bare.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (bare.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The link a QR code shows for a login token. */
export function qrLoginLink(token: Uint8Array): string {
  return `tg://login?token=${base64urlEncode(token)}`;
}

/**
 * The token of a scanned `tg://login?token=…` link (also `tg:login?token=…`, core.telegram.org/api/links), or undefined when
 * the text is not a QR login link (another link, no token, bad base64url, empty token).
 */
export function parseQrLoginLink(link: string): Uint8Array | undefined {
  const m = /^tg:(?:\/\/)?login\?(.*)$/i.exec(link.trim().replace(/#.*$/, ''));
  if (!m) return undefined;
  const token = new URLSearchParams(m[1]).get('token');
  if (token === null || token === '' || !B64URL.test(token.replace(/=+$/, ''))) return undefined;
  try {
    const bytes = base64urlDecode(token);
    return bytes.length > 0 ? bytes : undefined;
  } catch {
    return undefined;
  }
}
