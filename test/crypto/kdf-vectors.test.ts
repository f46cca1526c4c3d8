import { describe, expect, it } from 'vitest';
import {
  aesIgeEncrypt,
  aesKeyIvV1,
  aesKeyIvV2,
  authKeyId,
  bytesToHex,
  concatBytes,
  msgKeyV1,
  msgKeyV2,
  sha1,
  sha256,
  tmpAesKeyIv,
  type Side,
} from '../../src/crypto/index.js';
import { h, loadVectors } from './vectors.js';

interface KeyIv { key: string; iv: string }
interface KdfFile {
  keyIv: { source: string; authKey: string; msgKey: string; v2: Record<Side, KeyIv>; v1: Record<Side, KeyIv> }[];
  tmpAesKeyIv: ({ source: string; serverNonce: string; newNonce: string } & KeyIv)[];
  messagesV2: ({ source: string; side: Side; authKey: string; plaintext: string; msgKey: string; wire: string; msgKeyLarge?: string } & KeyIv)[];
  messageV1: { source: string; authKey: string; plaintext: string; msgKey: string; padding: string; encryptedMessage: string } & KeyIv;
  authKeyId: { source: string; authKey: string; sha1: string; authKeyIdWire: string };
}
const v = loadVectors<KdfFile>('crypto-kdf.json');

describe('MTProto KDF vectors', () => {
  for (const t of v.keyIv) {
    for (const side of ['client', 'server'] as const) {
      it(`${t.source}: v2 ${side}`, () => {
        const r = aesKeyIvV2(h(t.authKey), h(t.msgKey), side);
        expect(bytesToHex(r.key)).toBe(t.v2[side].key);
        expect(bytesToHex(r.iv)).toBe(t.v2[side].iv);
      });
      it(`${t.source}: v1 ${side}`, () => {
        const r = aesKeyIvV1(h(t.authKey), h(t.msgKey), side);
        expect(bytesToHex(r.key)).toBe(t.v1[side].key);
        expect(bytesToHex(r.iv)).toBe(t.v1[side].iv);
      });
    }
  }
  for (const t of v.tmpAesKeyIv) {
    it(`${t.source}: tmp_aes_key/iv`, () => {
      const r = tmpAesKeyIv(h(t.newNonce), h(t.serverNonce));
      expect(bytesToHex(r.key)).toBe(t.key);
      expect(bytesToHex(r.iv)).toBe(t.iv);
    });
  }
  for (const t of v.messagesV2) {
    it(`${t.source}: msg_key, key/iv and wire bytes`, () => {
      const ak = h(t.authKey);
      const plain = h(t.plaintext);
      if (t.msgKeyLarge) expect(bytesToHex(sha256(ak.subarray(88, 120), plain))).toBe(t.msgKeyLarge);
      const msgKey = msgKeyV2(ak, plain, t.side);
      expect(bytesToHex(msgKey)).toBe(t.msgKey);
      const { key, iv } = aesKeyIvV2(ak, msgKey, t.side);
      expect(bytesToHex(key)).toBe(t.key);
      expect(bytesToHex(iv)).toBe(t.iv);
      const wire = concatBytes(authKeyId(ak), msgKey, aesIgeEncrypt(plain, key, iv));
      expect(bytesToHex(wire)).toBe(t.wire);
    });
  }
  it(`${v.messageV1.source}: MTProto 1.0 encrypted_message`, () => {
    const t = v.messageV1;
    const ak = h(t.authKey);
    const msgKey = msgKeyV1(h(t.plaintext));
    expect(bytesToHex(msgKey)).toBe(t.msgKey);
    const { key, iv } = aesKeyIvV1(ak, msgKey, 'client');
    expect(bytesToHex(key)).toBe(t.key);
    expect(bytesToHex(iv)).toBe(t.iv);
    const enc = aesIgeEncrypt(concatBytes(h(t.plaintext), h(t.padding)), key, iv);
    expect(bytesToHex(concatBytes(authKeyId(ak), msgKey, enc))).toBe(t.encryptedMessage);
  });
  it(`${v.authKeyId.source}: auth_key_id`, () => {
    expect(bytesToHex(sha1(h(v.authKeyId.authKey)))).toBe(v.authKeyId.sha1);
    expect(bytesToHex(authKeyId(h(v.authKeyId.authKey)))).toBe(v.authKeyId.authKeyIdWire);
  });
});
