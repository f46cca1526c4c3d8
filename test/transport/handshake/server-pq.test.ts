import { describe, expect, it } from 'vitest';
import { bytesToBigint, factorizePq } from '../../../src/crypto/index.js';
import { makePqChallenge } from '../../../src/transport/handshake/server-pq.js';
import { fixedRandom } from '../../helpers/fixed-random.js';

describe('server pq challenge (core.telegram.org/mtproto/auth_key)', () => {
  it('fits a signed int64 and fills 8 bytes, as Telegram pq does (GramJS reads it as a signed long)', () => {
    const random = fixedRandom('pq');
    for (let i = 0; i < 200; i++) {
      const { pq, p, q } = makePqChallenge(random);
      const n = bytesToBigint(pq);
      expect(pq.length).toBe(8);
      expect(n < 1n << 63n).toBe(true);
      expect(p < q).toBe(true);
      expect(factorizePq(n)).toEqual([p, q]);
    }
  });
});
