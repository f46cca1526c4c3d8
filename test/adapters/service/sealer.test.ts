import { describe, expect, it } from 'vitest';
import { createSealer } from '../../../src/adapters/service/sealer.js';
import { fixedRandom } from '../../helpers/fixed-random.js';

const KEY = '11'.repeat(32);
const plain = new TextEncoder().encode('{"authKeys":"secret"}');

describe('service sealer', () => {
  it('refuses to start without a key outside dev mode, and with a malformed one', () => {
    expect(() => createSealer(undefined)).toThrow(expect.objectContaining({ reason: 'config' }));
    expect(() => createSealer('abcd')).toThrow(expect.objectContaining({ reason: 'config' }));
    expect(() => createSealer(undefined, { dev: true })).not.toThrow();
  });

  it('opens what it sealed in the same place only, and never shows the plaintext', () => {
    const sealer = createSealer(KEY, { random: fixedRandom('sealer') });
    const sealed = sealer.seal('f1/session', plain);
    expect(Buffer.from(sealed).includes(Buffer.from('secret'))).toBe(false);
    expect(sealer.open('f1/session', sealed)).toEqual(plain);
    expect(() => sealer.open('f2/session', sealed)).toThrow(expect.objectContaining({ reason: 'corrupt' }));
    expect(() => createSealer('22'.repeat(32)).open('f1/session', sealed)).toThrow(expect.objectContaining({ reason: 'corrupt' }));
    expect(sealer.digest('+99966')).toMatch(/^[0-9a-f]{64}$/);
    expect(sealer.digest('+99966')).not.toBe(createSealer('22'.repeat(32)).digest('+99966'));
  });
});
