/**
 * obfuscated2 (core.telegram.org/mtproto/mtproto-transports "Transport obfuscation"): the own obfuscated2 vector header, keys and first packets byte for byte,
 * the forbidden-first-bytes regeneration, and the server accepting the header.
 */
import { describe, expect, it } from 'vitest';
import { pureCrypto } from '../../../src/crypto/index.js';
import {
  FramingErrorCode,
  ServerCodec,
  TransportError,
  createObfuscatedClientCodec,
  deriveObfuscationKeys,
  generateObfuscationInit,
  isForbiddenObfuscationInit,
  obfuscationDcField,
} from '../../../src/transport/index.js';
import { hex, scriptedRandom, unhex } from './codec-helpers.js';

// own obfuscated2 vector (own vector; abridged variant cross-checked against GramJS ObfuscatedIO.initHeader).
const INIT =
  '11181f262d343b424950575e656c737a81888f969da4abb2b9c0c7ced5dce3eaf1f8ff060d141b222930373e454c535a61686f767d848b92dddddddd0200c3ca';
const HEADER_PADDED =
  '11181f262d343b424950575e656c737a81888f969da4abb2b9c0c7ced5dce3eaf1f8ff060d141b222930373e454c535a61686f767d848b929c1018cffd6b119f';
const NEXT_PADDED = 'b6312c403b41bd9414aaf25ca92b38c23f4685b28a479179452681ad';
const INIT_ABRIDGED = INIT.replace('dddddddd0200c3ca', 'efefefef0200c3ca');
const HEADER_ABRIDGED =
  '11181f262d343b424950575e656c737a81888f969da4abb2b9c0c7ced5dce3eaf1f8ff060d141b222930373e454c535a61686f767d848b92ae222afdfd6b119f';
const NEXT_ABRIDGED = 'a4312c403b41bd9414aaf25ca92b38c23f4685b28a479179452681ad187a3f22a06f53448ed47af05c';

describe('obfuscated2 vector (own obfuscated2 vector)', () => {
  it('derives the key/iv pairs', () => {
    const keys = deriveObfuscationKeys(unhex(INIT));
    expect(hex(keys.encryptKey)).toBe('4950575e656c737a81888f969da4abb2b9c0c7ced5dce3eaf1f8ff060d141b22');
    expect(hex(keys.encryptIv)).toBe('2930373e454c535a61686f767d848b92');
    expect(hex(keys.decryptKey)).toBe('928b847d766f68615a534c453e373029221b140d06fff8f1eae3dcd5cec7c0b9');
    expect(hex(keys.decryptIv)).toBe('b2aba49d968f88817a736c655e575049');
  });

  it('padded intermediate: header and first packet byte-exact, and the server reads them back', () => {
    // Random calls: the 64-byte init, then one byte choosing 0 padding bytes (the vector has none).
    const random = scriptedRandom([unhex(INIT), Uint8Array.of(0x00)]);
    const client = createObfuscatedClientCodec('padded', { crypto: pureCrypto, random, dc: { dcId: 2 } });
    const wire = client.encode(new Uint8Array(24));
    expect(hex(wire)).toBe(HEADER_PADDED + NEXT_PADDED);

    const server = new ServerCodec({ crypto: pureCrypto });
    expect(server.decode(wire)).toEqual([{ kind: 'frame', payload: new Uint8Array(24), quickAck: false }]);
    expect(server.detected).toEqual({ kind: 'padded', obfuscated: true, dcField: 2 });
    expect(server.kind).toBe('obfuscated2/padded');
  });

  it('abridged: header and first packet byte-exact (GramJS-identical)', () => {
    const client = createObfuscatedClientCodec('abridged', {
      crypto: pureCrypto,
      random: scriptedRandom([unhex(INIT_ABRIDGED)]),
      dc: { dcId: 2 },
    });
    expect(hex(client.encode(new Uint8Array(40)))).toBe(HEADER_ABRIDGED + NEXT_ABRIDGED);
  });
});

describe('obfuscation header generation (core.telegram.org/mtproto/mtproto-transports "Transport obfuscation" step 1)', () => {
  const withFirst = (...bytes: number[]): Uint8Array => {
    const init = new Uint8Array(64).fill(0x11);
    init.set(bytes);
    return init;
  };
  const forbidden = [
    withFirst(0xef),
    withFirst(...new TextEncoder().encode('HEAD')),
    withFirst(...new TextEncoder().encode('POST')),
    withFirst(...new TextEncoder().encode('GET ')),
    withFirst(...new TextEncoder().encode('OPTI')),
    withFirst(0x16, 0x03, 0x01, 0x02),
    withFirst(0xdd, 0xdd, 0xdd, 0xdd),
    withFirst(0xee, 0xee, 0xee, 0xee),
    withFirst(0x01, 0x02, 0x03, 0x04, 0, 0, 0, 0),
  ];

  it.each(forbidden.map((f) => [hex(f.subarray(0, 8)), f] as const))(
    'rejects a header starting %s',
    (_, init) => {
      expect(isForbiddenObfuscationInit(init)).toBe(true);
    },
  );

  it('draws again until the header is allowed, then writes tag and DC field', () => {
    const good = withFirst(0x01, 0x02, 0x03, 0x04, 0, 0, 0, 1);
    expect(isForbiddenObfuscationInit(good)).toBe(false);
    const random = scriptedRandom([...forbidden, good]);
    const init = generateObfuscationInit(
      'intermediate',
      random,
      obfuscationDcField({ dcId: 4, test: true, media: true }),
    );
    expect(random.calls).toBe(forbidden.length + 1);
    expect(hex(init.subarray(0, 56))).toBe(hex(good.subarray(0, 56)));
    expect(hex(init.subarray(56, 60))).toBe('eeeeeeee');
    expect(new DataView(init.buffer).getInt16(60, true)).toBe(-10004);
    expect(hex(init.subarray(62))).toBe('1111');
  });

  it('gives up with a TransportError on a random source that never stops producing forbidden headers', () => {
    const stuck = { bytes: (n: number) => new Uint8Array(n).fill(0xef) };
    expect(() => generateObfuscationInit('abridged', stuck)).toThrow(TransportError);
  });

  it('refuses to obfuscate the untagged full framing', () => {
    expect(() => createObfuscatedClientCodec('full', { crypto: pureCrypto })).toThrow(
      expect.objectContaining({ code: FramingErrorCode.unknownProtocol }),
    );
  });

  it('server: 64 bytes whose decrypted tag is unknown are an unknownProtocol error', () => {
    const server = new ServerCodec({ crypto: pureCrypto });
    const junk = new Uint8Array(64).fill(0x42);
    expect(() => server.decode(junk)).toThrow(
      expect.objectContaining({ code: FramingErrorCode.unknownProtocol }),
    );
    // And it stays failed.
    expect(() => server.decode(new Uint8Array(4))).toThrow(TransportError);
  });
});
