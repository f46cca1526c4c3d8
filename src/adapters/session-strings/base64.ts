/** Base64 (RFC 4648 §4) and base64url (§5) without Buffer, so session strings work in browsers too. */

/** Encodes bytes; `url` selects the URL-safe alphabet, `pad` keeps the `=` padding. */
export function encodeBase64(bytes: Uint8Array, options: { url?: boolean; pad?: boolean } = {}): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  let out = btoa(binary);
  if (options.url) out = out.replace(/\+/g, '-').replace(/\//g, '_');
  if (options.pad === false) out = out.replace(/=+$/, '');
  return out;
}

/**
 * Decodes either alphabet, padded or not. Returns `undefined` for anything that is not base64
 * (callers turn that into their format's error).
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  const standard = text.trim().replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(standard) || standard.length % 4 === 1) return undefined;
  const binary = atob(standard + '='.repeat((4 - (standard.length % 4)) % 4));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
