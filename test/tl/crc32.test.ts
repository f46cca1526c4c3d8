// Every constructor ID in src/tl/schema/*.tl recomputed from its line by the CRC32 rule of core.telegram.org/mtproto/TL-tl;
// the core.telegram.org/mtproto/TL-tl / own CRC32 check of the schema lines examples; and the standard CRC-32 check value ("123456789" -> cbf43926).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../src/tl/index.js';
import { normalizeTlLine } from '../../src/tl/crc32.js';
import { parseTlSchema } from '../../src/tl/parse-schema.js';

const schemaDir = join(import.meta.dirname, '..', '..', 'src', 'tl', 'schema');

describe('crc32', () => {
  it('matches the standard check value and the core.telegram.org/mtproto/TL-tl / §8 examples', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('invokeWithLayer X:Type layer:int query:!X = X')).toBe(0xda9b0d0d);
    expect(crc32('vector t:Type # [ t ] = Vector t')).toBe(0x1cb5c415);
    expect(crc32('gzip_packed packed_data:string = Object')).toBe(0x3072cfa1);
    expect(crc32('msg_container messages:vector message = MessageContainer')).toBe(0x73f1f8dc);
    expect(crc32('rsa_public_key n:string e:string = RSAPublicKey')).toBe(0x7a19cb76);
  });

  it('normalizes lines as core.telegram.org/mtproto/TL-tl says', () => {
    expect(normalizeTlLine('msg_container#73f1f8dc messages:vector<%Message> = MessageContainer;')).toBe(
      'msg_container messages:vector message = MessageContainer',
    );
    expect(
      normalizeTlLine(
        'auth.signUp#aac7b717 flags:# no_joined_notifications:flags.0?true phone_number:string = X;',
      ),
    ).toBe('auth.signUp flags:# phone_number:string = X');
  });

  const files = readdirSync(schemaDir).filter((f) => f.endsWith('.tl'));
  it('covers all four schema files', () =>
    expect(files.sort()).toEqual(['api.tl', 'extra.tl', 'legacy.tl', 'mtproto.tl']));

  for (const file of files) {
    it(`every declared ID in ${file} equals the CRC32 of its line`, () => {
      const lines = parseTlSchema(readFileSync(join(schemaDir, file), 'utf8'));
      expect(lines.length).toBeGreaterThan(0);
      const wrong = lines.filter((c) => c.id !== c.computedId).map((c) => c.line);
      expect(wrong).toEqual([]);
    });
  }

  it('detects a wrong ID (the check can fail)', () => {
    const [c] = parseTlSchema('inputUser#f21158c9 user_id:long access_hash:long = InputUser;');
    expect(c!.computedId).toBe(0xf21158c6);
    expect(c!.id).not.toBe(c!.computedId);
  });
});
