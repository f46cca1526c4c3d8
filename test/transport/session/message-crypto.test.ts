import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, pureCrypto } from '../../../src/crypto/index.js';
import { decryptMessage, encryptMessage, sessionKey } from '../../../src/transport/session/message-crypto.js';
import { fixedRandom } from '../../helpers/fixed-random.js';

// core.telegram.org/mtproto/samples-auth_key auth_key (docs "Auth key generation example") and §4.2 complete messages.
const AUTH_KEY = hexToBytes(
  '77379866D71627E6C3635361F9681B03C9EE8A7AAB9552EF513A13315EABC18A118ED649614AE1F01DAB8F71D83341309C5999AD4889E5D9F3E911AAAD00D9DDC24273D7B97DD92151F969242F347C8F9D5DE44E8D7E87A69C2AE1757F5ECD20AAFC586EDD34C89AC8D5B8F7C9EB33A0C7F06A69632BCEB8DE03E336E5AF0332D4B1F52BA73FBE7A3A6FE8C2268C10B9357E5474A7CCEB0E39FE3B4A92900CD09AF3C307D8FA90CB9DA2AD35643FB0335BD0B7E6D30D1038741EB632E6A97B692A1F76F418AF74337D05539B59DF1D4E16B7E0C87240595DDFD26037CDB7E70DB4B6C5CAE532F49BC6974F6F46FD3CBDCD90EBB6795FD9A43421BCDF893D5C46',
);
const SALT = -97066050441302190n; // wire 522fb2fff026a7fe
const SESSION = 0x0807060504030201n; // wire 0102030405060708
const CLIENT_WIRE =
  '8ae7a271969a9b1ff77c5eb194e65badb01cc3b15aa417711f087b2109f7a15e7b3a84165eebad216a290e3f5ae7a24059fd237fd064318ae8c31e78a45d567ed364ce2ebb878bfe8ce4e275cf6bf4f424362b004110b949';
const SERVER_WIRE =
  '8ae7a271969a9b1ff9489c7c223b58d97d24cf973965528c4f6594759be02cb303ec8d6eb398050700934a1ff5dfa498c138d6329843d6cf12aadfab83bcc697ca69211788f20dd6b944cb59fe77fc65e40b7c9d8a6676b2';
const key = sessionKey(AUTH_KEY, pureCrypto);
const random = fixedRandom('message-crypto');

describe('MTProto 2.0 message crypto (own vector, with the auth_key of core.telegram.org/mtproto/samples-auth_key)', () => {
  it('encrypts the client->server ping byte-exactly', () => {
    const wire = encryptMessage(
      key,
      'client',
      { salt: SALT, sessionId: SESSION, msgId: 0x65abc0fc00000004n, seqNo: 1, body: hexToBytes('ec77be7a8877665544332211') },
      random,
      pureCrypto,
      new Uint8Array(20).fill(0xab),
    );
    expect(bytesToHex(wire)).toBe(CLIENT_WIRE);
  });

  it('encrypts the server->client pong byte-exactly and decrypts both', () => {
    const body = hexToBytes('c573773404000000fcc0ab658877665544332211');
    const wire = encryptMessage(
      key,
      'server',
      { salt: SALT, sessionId: SESSION, msgId: 0x65abc0fd00000001n, seqNo: 2, body },
      random,
      pureCrypto,
      new Uint8Array(12).fill(0xcd),
    );
    expect(bytesToHex(wire)).toBe(SERVER_WIRE);
    const back = decryptMessage(key, 'server', hexToBytes(SERVER_WIRE), pureCrypto);
    expect(back.ok && bytesToHex(back.message.body)).toBe(bytesToHex(body));
    const ping = decryptMessage(key, 'client', hexToBytes(CLIENT_WIRE), pureCrypto);
    expect(ping.ok && ping.message.msgId).toBe(0x65abc0fc00000004n);
    expect(ping.ok && ping.message.salt).toBe(SALT);
  });

  it('rejects a message decrypted with the wrong direction, a flipped bit and a short payload', () => {
    expect(decryptMessage(key, 'client', hexToBytes(SERVER_WIRE), pureCrypto)).toEqual({ ok: false, reason: 'msgKey' });
    const flipped = hexToBytes(SERVER_WIRE);
    flipped[40]! ^= 1;
    expect(decryptMessage(key, 'server', flipped, pureCrypto)).toEqual({ ok: false, reason: 'msgKey' });
    expect(decryptMessage(key, 'server', hexToBytes(SERVER_WIRE).subarray(0, 60), pureCrypto).ok).toBe(false);
  });

  it('round-trips random bodies with random padding in 12..1024', () => {
    for (let n = 4; n < 600; n += 52) {
      const body = random.bytes(n);
      const msg = { salt: 5n, sessionId: -7n, msgId: 0x65abc0fc00000004n + BigInt(n * 4), seqNo: n, body };
      const out = decryptMessage(key, 'client', encryptMessage(key, 'client', msg, random, pureCrypto), pureCrypto);
      expect(out).toEqual({ ok: true, message: msg });
    }
  });
});
