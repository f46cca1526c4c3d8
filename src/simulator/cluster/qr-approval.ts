/**
 * Approving a QR login from the control API (core.telegram.org/api/qr-login step 3), as `auth.acceptLoginToken`
 * would from a logged-in app: the token is bound to the user and updateLoginToken is pushed to the
 * session waiting on it. The token may be given as bytes, hex, base64url or the `tg://login?token=`
 * URL the login screen shows.
 */
import { bytesToHex, hexToBytes } from '../../crypto/index.js';
import { SimulatorError } from '../errors.js';
import { acceptToken } from '../methods/qr-login.js';
import type { SimState } from '../state/sim-state.js';

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url (padding optional) to bytes; throws `SimulatorError` on a character outside the alphabet. */
export function fromBase64url(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of clean) {
    const v = B64URL.indexOf(ch === '+' ? '-' : ch === '/' ? '_' : ch);
    if (v < 0) throw new SimulatorError('QR token is not base64url');
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

/** The token bytes from any of the accepted spellings. */
export function parseQrToken(token: Uint8Array | string): Uint8Array {
  if (token instanceof Uint8Array) return token;
  const url = /^tg:\/\/login\?token=([^&]+)/.exec(token);
  if (url) return fromBase64url(decodeURIComponent(url[1]!));
  if (/^([0-9a-f]{2})+$/i.test(token)) return hexToBytes(token);
  return fromBase64url(token);
}

/** Accepts `token` as `userId`; throws `SimulatorError` saying why it cannot. */
export function approveQr(state: SimState, token: Uint8Array | string, userId: bigint): void {
  const t = state.qrTokens.peek(bytesToHex(parseQrToken(token)));
  if (!t) throw new SimulatorError('unknown QR token');
  if (t.expiresAt <= state.now()) throw new SimulatorError('the QR token has expired');
  if (t.migrated || t.acceptedBy !== undefined) throw new SimulatorError('the QR token was already accepted');
  const account = state.accounts.get(userId);
  if (!account) throw new SimulatorError(`no account ${userId}`);
  if (t.exceptIds.some((id) => BigInt.asUintN(64, id) === BigInt.asUintN(64, userId))) {
    throw new SimulatorError('the QR token excludes this user (except_ids)');
  }
  acceptToken(state, t, account);
}
