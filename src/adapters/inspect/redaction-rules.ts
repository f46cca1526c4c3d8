/**
 * What counts as secret in an inspection event: field names (codes, passwords, keys, tokens, SRP
 * values, hashes of codes) and values (byte arrays, sealed `Secret`s, registered strings, QR login
 * links). Names alone would miss a token under an innocent key; values alone would miss a code
 * typed as a plain string. Both run on every field.
 */

/** Field names whose string, byte or object values are always redacted (numbers and booleans are kept). */
export const SECRET_KEY_PATTERNS: readonly RegExp[] = [
  /password|passcode|secret/i, // password, newPassword, currentPassword (hasPassword: boolean, kept)
  /token/i, // futureAuthToken, loginToken, logoutTokens, botAuthToken, webToken
  /auth_?key|^(perm|temp)?_?key$/i,
  /hash$/i, // phoneCodeHash, apiHash, passwordHash, hash
  /^(phone_?|email_?|recovery_?|login_?)?code$/i, // the login / recovery codes (not codeInfo, codeType)
  /^srp/i, // srp_B, srpB, srpId
  /salt/i,
  /nonce/i,
  /^bytes$/i, // auth.exportedAuthorization bytes, importAuthorization
  /^(A|B|M1|M2|v|gA|gB|g_a|g_b)$/, // SRP and DH values (case-sensitive: `a`/`b` are common names)
];

/** Tunes redaction beyond the defaults. */
export interface RedactionOptions {
  /** More field names to redact (exact strings, or patterns). */
  readonly keys?: readonly (string | RegExp)[];
  /** Strings redacted wherever they appear, also inside longer strings (e.g. a code you typed). */
  readonly secrets?: Iterable<string>;
  /** Nesting depth past which values are replaced by a marker (default 24). */
  readonly maxDepth?: number;
}

/** The marker that replaces a redacted value. */
export const REDACTED = '[redacted]';

/** Compiled rules: one per redactor, so registering a secret is visible to every later event. */
export class RedactionRules {
  readonly #keys: readonly RegExp[];
  readonly #secrets = new Set<string>();
  readonly maxDepth: number;

  constructor(options: RedactionOptions = {}) {
    const extra = (options.keys ?? []).map((k) =>
      typeof k === 'string' ? new RegExp(`^${k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : k,
    );
    this.#keys = [...SECRET_KEY_PATTERNS, ...extra];
    for (const s of options.secrets ?? []) this.addSecret(s);
    this.maxDepth = options.maxDepth ?? 24;
  }

  /** Redacts `value` wherever it later appears. Empty and very short strings are refused: they would match everywhere. */
  addSecret(value: string): void {
    if (value.length >= 3) this.#secrets.add(value);
  }

  isSecretKey(key: string): boolean {
    return this.#keys.some((re) => re.test(key));
  }

  /** `text` with every registered secret and every `tg://login?token=` token replaced. */
  scrubString(text: string): string {
    let out = text.replace(/(tg:\/\/login\?token=)[A-Za-z0-9_\-=%]+/g, `$1${REDACTED}`);
    for (const s of this.#secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
    return out;
  }
}
