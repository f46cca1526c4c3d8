// Byte-exact TL examples. Sources: core.telegram.org/mtproto/serialize, core.telegram.org/mtproto/serialize, core.telegram.org/mtproto/serialize and core.telegram.org/mtproto/samples-auth_key (docs samples-auth_key
// page), §7 (own, cross-checked against GramJS Api.*.getBytes()).
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../../src/crypto/index.js';
import {
  deserializeObject,
  deserializeResult,
  serializeObject,
  TlReader,
  TlWriter,
  type ResultOf,
  type TlMethod,
} from '../../src/tl/index.js';

const hex = (b: Uint8Array) => bytesToHex(b);

describe('TL vectors (core.telegram.org/mtproto/serialize, own, cross-checked byte for byte against GramJS Api.*.getBytes())', () => {
  it('auth.sendCode with empty codeSettings (core.telegram.org/mtproto/serialize)', () => {
    const req = {
      _: 'auth.sendCode',
      phoneNumber: '+9996621234',
      apiId: 12345,
      apiHash: '0123456789abcdef0123456789abcdef',
      settings: { _: 'codeSettings' },
    } as const;
    const bytes = serializeObject(req);
    expect(hex(bytes)).toBe(
      '4f2477a60b2b3939393636323132333439300000203031323334353637383961626364656630313233343536373839616263646566000000783d25ad00000000',
    );
    expect(deserializeObject(bytes)).toEqual(req);
  });

  it('auth.signIn with flags.0 phone_code (§7)', () => {
    const req = {
      _: 'auth.signIn',
      phoneNumber: '+9996621234',
      phoneCodeHash: '9f3c1a2b',
      phoneCode: '22222',
    } as const;
    const bytes = serializeObject(req);
    expect(hex(bytes)).toBe(
      '51a9528d010000000b2b393939363632313233340839663363316132620000000532323232320000',
    );
    expect(deserializeObject(bytes)).toEqual(req);
  });

  it('invokeWithLayer(initConnection(help.getConfig)) (§7) and its result type', () => {
    const req = {
      _: 'invokeWithLayer',
      layer: 223, // the vector was written at layer 223 (0xdf); the wrapper's layout is the same at LAYER
      query: {
        _: 'initConnection',
        apiId: 12345,
        deviceModel: 'PC',
        systemVersion: 'Linux',
        appVersion: '1.0',
        systemLangCode: 'en',
        langPack: '',
        langCode: 'en',
        query: { _: 'help.getConfig' },
      },
    } satisfies TlMethod;
    const bytes = serializeObject(req);
    expect(hex(bytes)).toBe(
      '0d0d9bdadf000000a95ecdc1000000003930000002504300054c696e7578000003312e3002656e000000000002656e006b18f9c4',
    );
    expect(deserializeObject(bytes)).toEqual(req);
    // Compile-time: the wrapper's result is the inner query's (Config).
    const thisDc: (r: ResultOf<typeof req>) => number = (r) => r.thisDc;
    expect(typeof thisDc).toBe('function');
  });

  it('bytes of length 254 and 256 (core.telegram.org/mtproto/serialize), Vector<long> [1,-1] (core.telegram.org/mtproto/serialize), Bool', () => {
    const b254 = new TlWriter().tlBytes(new Uint8Array(254).fill(0x41)).finish();
    expect(b254.length).toBe(260);
    expect(hex(b254.subarray(0, 8))).toBe('fefe000041414141');
    expect(hex(b254.subarray(258))).toBe('0000');
    const b256 = new TlWriter().tlBytes(new Uint8Array(256)).finish();
    expect(b256.length).toBe(260);
    expect(hex(b256.subarray(0, 4))).toBe('fe000100');
    expect(hex(new TlWriter().tlBytes(new Uint8Array(0)).finish())).toBe('00000000');
    const pq = new TlWriter().tlBytes(hexToBytes('1460E7D3FA727791')).finish();
    expect(hex(pq)).toBe('081460e7d3fa727791000000');
    expect(new TlReader(b254).tlBytes()).toEqual(new Uint8Array(254).fill(0x41));
    const vec = new TlWriter().value('Vector<long>', [1n, -1n]).finish();
    expect(hex(vec)).toBe('15c4b51c020000000100000000000000ffffffffffffffff');
    expect(new TlReader(vec).value('Vector<long>')).toEqual([1n, -1n]);
    expect(hex(new TlWriter().value('Bool', true).finish())).toBe('b5757299');
    expect(hex(new TlWriter().value('Bool', false).finish())).toBe('379779bc');
    expect(deserializeResult('auth.cancelCode', hexToBytes('379779bc'))).toBe(false);
  });

  it('p_q_inner_data_dc of the docs auth-key sample (core.telegram.org/mtproto/samples-auth_key) and resPQ fields (§1.1)', () => {
    const data = hexToBytes(
      '955FF5A9081460E7D3FA727791000000043C2357CF0000000456BFB29F00000015A084B3B9CA2A17F03925F44B78FE68D6701FCD212CEB87C966E5318F5564A8845FAD32D10A4C7967DA49A89FBE508AD24AA3150992B499B3B2C72CDC0F364C02000000',
    );
    const inner = {
      _: 'p_q_inner_data_dc',
      pq: hexToBytes('1460E7D3FA727791'),
      p: hexToBytes('3C2357CF'),
      q: hexToBytes('56BFB29F'),
      nonce: hexToBytes('15A084B3B9CA2A17F03925F44B78FE68'),
      serverNonce: hexToBytes('D6701FCD212CEB87C966E5318F5564A8'),
      newNonce: hexToBytes('845FAD32D10A4C7967DA49A89FBE508AD24AA3150992B499B3B2C72CDC0F364C'),
      dc: 2,
    } as const;
    expect(hex(serializeObject(inner))).toBe(hex(data));
    expect(deserializeObject(data)).toEqual(inner);
    const resPqHex =
      '63241605' +
      '15a084b3b9ca2a17f03925f44b78fe68d6701fcd212ceb87c966e5318f5564a8' +
      '081460e7d3fa727791000000' +
      '15c4b51c03000000a5b7f709355fc30b216be86c022bb4c385fd64de851d9dd0';
    const resPq = deserializeObject(hexToBytes(resPqHex));
    expect(resPq).toMatchObject({
      _: 'resPQ',
      nonce: inner.nonce,
      serverNonce: inner.serverNonce,
      pq: inner.pq,
    });
    // 85FD64DE851D9DD0 (wire) is the production key fingerprint 0xD09D1D85DE64FD85, read as a signed long.
    if (resPq._ !== 'resPQ') throw new Error('unreachable');
    expect(resPq.serverPublicKeyFingerprints[2]).toBe(BigInt.asIntN(64, 0xd09d1d85de64fd85n));
    expect(hex(serializeObject(resPq))).toBe(resPqHex);
  });
});
