/**
 * teleproto (1.229, GramJS's maintained fork, layer 229) as a bench peer, set up like the GramJS one
 * (gramjs-family.ts). teleproto fixed the two GramJS quirks gramjs-peer.ts patches (the 255-byte auth
 * key; the signed pq read only matters for pq >= 2^63, which the simulator never sends), so nothing
 * else is changed.
 */
import type { SimulatorHostConfig } from '../../src/adapters/node/index.js';
import { gramjsFamilyPeer } from './gramjs-family.js';
import { thirdpartyRequire, type Peer } from './thirdparty.js';

/** The teleproto peer, or undefined when bench/thirdparty is not installed. */
export function teleprotoPeer(config: SimulatorHostConfig, api: { apiId: number; apiHash: string }): Peer | undefined {
  const req = thirdpartyRequire('teleproto');
  if (!req) return undefined;
  return gramjsFamilyPeer(req, 'teleproto', 'teleproto', 'TELEPROTO_LOG', config, api);
}
