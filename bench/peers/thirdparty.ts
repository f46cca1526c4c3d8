/**
 * Loads the peer clients from bench/thirdparty/node_modules (their own tree, never tgauth's), and
 * the simulator facts every peer needs: DC addresses on 127.0.0.1 and the RSA key.
 */
import { createPublicKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SimulatorHostConfig } from '../../src/adapters/node/index.js';

const thirdparty = join(dirname(fileURLToPath(import.meta.url)), '..', 'thirdparty');

/** `require` rooted in bench/thirdparty; undefined when it was not installed. */
export function thirdpartyRequire(pkg: string): NodeJS.Require | undefined {
  if (!existsSync(join(thirdparty, 'node_modules', ...pkg.split('/')))) return undefined;
  return createRequire(join(thirdparty, 'package.json'));
}

/** The simulator's RSA key as the numbers peers keep in their key tables. */
export function rsaNumbers(config: SimulatorHostConfig): { n: bigint; e: bigint; fingerprint: bigint } {
  const jwk = createPublicKey(config.rsaPublicKeyPem).export({ format: 'jwk' });
  const big = (b64: string) => BigInt(`0x${Buffer.from(b64, 'base64url').toString('hex')}`);
  return { n: big(jwk.n!), e: big(jwk.e!), fingerprint: BigInt.asIntN(64, BigInt(`0x${config.fingerprint}`)) };
}

/** Loopback address of one DC (peers must never leave 127.0.0.1). */
export function dcAddress(config: SimulatorHostConfig, dcId: number): { host: string; port: number } {
  const dc = config.dcs.find((d) => d.id === dcId);
  if (!dc || dc.host !== '127.0.0.1') throw new RangeError(`DC ${dcId} is not on 127.0.0.1`);
  return { host: dc.host, port: dc.tcpPort };
}

/** One peer's three end-to-end operations, each on a fresh client (so a fresh auth key). */
export interface Peer {
  readonly name: string;
  /** Connect: auth key exchange and the first initConnection(help.getConfig). */
  newKey(): Promise<void>;
  /** New key, auth.sendCode, auth.signIn. */
  phoneLogin(phone: string, code: string): Promise<void>;
  /** The same plus account.getPassword and auth.checkPassword (SRP). */
  phone2faLogin(phone: string, code: string, password: string): Promise<void>;
  /**
   * New key, auth.exportLoginToken, the token approved by `approve` (the simulator acting as the
   * logged-in app: it pushes updateLoginToken), then the second exportLoginToken -> success.
   */
  qrLogin(approve: (token: Uint8Array | string) => void): Promise<void>;
}
