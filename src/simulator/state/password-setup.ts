/**
 * Making a 2FA password record (core.telegram.org/api/srp) for the control API: random salts, the known
 * 2048-bit prime with g = 3, and the SRP verifier. The password itself is never stored.
 */
import type { Random } from '../../crypto/index.js';
import { computeSrpVerifier, hexToBytes } from '../../crypto/index.js';
import type { PasswordRecord } from './accounts.js';

/** Telegram's 2048-bit safe prime (core.telegram.org/mtproto/security_guidelines), also the SRP p; g = 3. */
export const SRP_PRIME = hexToBytes(
  'C71CAEB9C6B1C9048E6C522F70F13F73980D40238E3E21C14934D037563D930F48198A0AA7C14058229493D22530F4DBFA336F6E0AC925139543AED44CCE7C3720FD51F69458705AC68CD4FE6B6B13ABDC9746512969328454F18FAF8C595F642477FE96BB2A941D5BCD1D4AC8CC49880708FA9B378E3C4F3A9060BEE67CF9A4A4A695811051907E162753B56B0F6B410DBA74D8A84B2A14B3144E0EF1284754FD17ED950D5965B4B9DD46582DB1178D169C6BC465B0D6FF9CA3928FEF5B9AE4E418FC15E83EBEA0F87FA9FF5EED70050DED2849F47BF959D956850CE929851F0D8115F635B105EE2E4E15D04B2454BF6F4FADF034B10403119CD8E3B92FCC5B',
);
export const SRP_G = 3;

/** A password record for `password`: salt1 is 40 bytes as Telegram's are, salt2 16. */
export async function makePasswordRecord(
  password: string,
  random: Random,
  extra: { hint?: string; recoveryEmail?: string } = {},
): Promise<PasswordRecord> {
  const salt1 = random.bytes(40);
  const salt2 = random.bytes(16);
  const v = await computeSrpVerifier(password, salt1, salt2, SRP_G, SRP_PRIME);
  return { salt1, salt2, g: SRP_G, p: SRP_PRIME, v, ...extra };
}
