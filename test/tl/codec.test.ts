// Codec behaviour beyond round trips: older-layer variants, vectors in Object slots, containers,
// shared flag bits, typed encode errors and decode limits.
import { describe, expect, it } from 'vitest';
import { gzipSync, zlibSync } from 'fflate';
import { bytesToHex, hexToBytes } from '../../src/crypto/index.js';
import {
  deserializeObject,
  deserializeResult,
  serializeObject,
  serializeResult,
  TlDecodeError,
  TlEncodeError,
  TlReader,
  type TlConstructorOf,
  type TlMethod,
  registerLegacyVariants,
} from '../../src/tl/index.js';

// Only a server answering older clients registers them (the simulator does); here, for the codec's own tests.
registerLegacyVariants();

const user: TlConstructorOf<'user'> = {
  _: 'user',
  self: true,
  id: 42n,
  firstName: 'Ada',
  phone: '9996621234',
  storiesMaxId: { _: 'recentStory', maxId: 7 },
  sendPaidMessagesStars: 5n,
  botForumView: true,
  botCanManageBots: true,
  linkedCommunityId: 9n,
};

describe('older-layer variants (tl/schema/legacy.tl)', () => {
  const idOf = (bytes: Uint8Array) => bytesToHex(bytes.subarray(0, 4).slice().reverse());

  it('writes user#b1b8cc83 by default and at 228+, user#31774388 for 223..227, user#4b46c37e for <= 222', () => {
    expect(idOf(serializeObject(user))).toBe('b1b8cc83');
    expect(idOf(serializeObject(user, { layer: 229 }))).toBe('b1b8cc83');
    expect(idOf(serializeObject(user, { layer: 228 }))).toBe('b1b8cc83');
    expect(idOf(serializeObject(user, { layer: 227 }))).toBe('31774388');
    expect(idOf(serializeObject(user, { layer: 223 }))).toBe('31774388');
    expect(idOf(serializeObject(user, { layer: 222 }))).toBe('4b46c37e');
    const old = serializeObject(user, { layer: 198 });
    expect(idOf(old)).toBe('4b46c37e');
    // Read back in the current shape; fields the old layer lacks are gone, storiesMaxId is converted.
    expect(deserializeObject(old)).toEqual({
      _: 'user',
      self: true,
      id: 42n,
      firstName: 'Ada',
      phone: '9996621234',
      storiesMaxId: { _: 'recentStory', maxId: 7 },
    });
  });

  it('user#31774388 (layer 223) drops only what 228 added: the flags2.18-20 bot bits and linked_community_id', () => {
    const bytes = serializeObject(user, { layer: 223 });
    expect(deserializeObject(bytes)).toEqual({ ...user, botCanManageBots: undefined, linkedCommunityId: undefined });
    expect(deserializeObject(bytes)).not.toHaveProperty('botGuard');
    expect(deserializeObject(bytes)).not.toHaveProperty('linkedCommunityId');
    expect(deserializeObject(serializeObject(user))).toEqual(user);
  });

  it('applies inside nested objects (auth.authorization.user)', () => {
    const auth = serializeObject({ _: 'auth.authorization', user }, { layer: 200 });
    expect(bytesToHex(auth)).toContain('7ec3464b');
    expect(bytesToHex(auth)).not.toContain('88437731');
    expect(bytesToHex(auth)).not.toContain('83ccb8b1');
    const at223 = serializeObject({ _: 'auth.loginTokenSuccess', authorization: { _: 'auth.authorization', user } }, { layer: 223 });
    expect(bytesToHex(at223)).toContain('88437731');
  });

  const paid: TlConstructorOf<'auth.sentCodePaymentRequired'> = {
    _: 'auth.sentCodePaymentRequired',
    storeProduct: 'org.telegram.telegramPremium.auth',
    phoneCodeHash: 'h',
    supportEmailAddress: 'sms@telegram.org',
    supportEmailSubject: 'Login',
    premiumDays: 30,
    currency: 'EUR',
    amount: 499n,
  };

  it('auth.sentCodePaymentRequired is #f8827ebf with premium_days at 228+, #e0955a3c without it up to 227', () => {
    expect(idOf(serializeObject(paid))).toBe('f8827ebf');
    expect(idOf(serializeObject(paid, { layer: 228 }))).toBe('f8827ebf');
    const old = serializeObject(paid, { layer: 227 });
    expect(idOf(old)).toBe('e0955a3c');
    // The old line has no premium_days: 4 bytes shorter, and read back as 0 days (it granted none).
    expect(old.length).toBe(serializeObject(paid).length - 4);
    expect(deserializeObject(old)).toEqual({ ...paid, premiumDays: 0 });
    expect(deserializeObject(serializeObject(paid))).toEqual(paid);
  });

  it("inputStorePaymentAuthCode: an old client's #9bb2636d is read in the current shape, #3fc18057 round-trips", () => {
    const purpose: TlConstructorOf<'inputStorePaymentAuthCode'> = {
      _: 'inputStorePaymentAuthCode',
      restore: true,
      phoneNumber: '9996621234',
      phoneCodeHash: 'h',
      premiumDays: 30,
      currency: 'EUR',
      amount: 499n,
    };
    expect(idOf(serializeObject(purpose))).toBe('3fc18057');
    const old = serializeObject(purpose, { layer: 227 });
    expect(idOf(old)).toBe('9bb2636d');
    expect(deserializeObject(old)).toEqual({ ...purpose, premiumDays: 0 });
    expect(deserializeObject(serializeObject(purpose))).toEqual(purpose);
  });
});

describe('Object slots and containers', () => {
  it('a Vector result inside rpc_result is kept raw and decoded with deserializeResult', () => {
    const req = { _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] } satisfies TlMethod;
    const raw = serializeResult(req, [user]);
    const bytes = serializeObject({ _: 'rpc_result', reqMsgId: 5n, result: { _: 'vector', raw } });
    const msg = deserializeObject(bytes);
    if (msg._ !== 'rpc_result' || msg.result._ !== 'vector') throw new Error('expected a raw vector');
    expect(msg.result.raw).toEqual(raw);
    expect(deserializeResult(req, msg.result.raw)).toEqual([user]);
    expect(deserializeResult('users.getUsers', raw)[0]).toEqual(user);
  });

  it('wrappers resolve to the inner query result', () => {
    const req = {
      _: 'invokeWithLayer',
      layer: 223,
      query: { _: 'auth.cancelCode', phoneNumber: '1', phoneCodeHash: 'h' },
    } satisfies TlMethod;
    const ok: boolean = deserializeResult(req, hexToBytes('b5757299'));
    expect(ok).toBe(true);
  });

  it('msg_container computes each message length and bounds each body by it', () => {
    const bytes = serializeObject({
      _: 'msg_container',
      messages: [
        { _: 'message', msgId: 1n, seqno: 1, bytes: 0, body: { _: 'ping', pingId: 9n } },
        { _: 'message', msgId: 2n, seqno: 3, bytes: 0, body: { _: 'msgs_ack', msgIds: [1n] } },
      ],
    });
    const c = deserializeObject(bytes);
    if (c._ !== 'msg_container') throw new Error('expected a container');
    expect(c.messages.map((m) => m.bytes)).toEqual([12, 20]);
    expect(c.messages[0]!.body).toEqual({ _: 'ping', pingId: 9n });
    // A length field that overruns the container is an error, not a read past the end.
    const bad = bytes.slice();
    new DataView(bad.buffer).setInt32(8 + 12, 9999, true);
    expect(() => deserializeObject(bad)).toThrow(TlDecodeError);
  });

  it('gzip_packed inside rpc_result is unpacked; a bomb is refused before inflating', () => {
    const inner = serializeObject({ _: 'pong', msgId: 1n, pingId: 2n });
    const packed = serializeObject({
      _: 'rpc_result',
      reqMsgId: 3n,
      result: { _: 'gzip_packed', packedData: gzipSync(inner) },
    });
    expect(deserializeObject(packed)).toEqual({
      _: 'rpc_result',
      reqMsgId: 3n,
      result: { _: 'pong', msgId: 1n, pingId: 2n },
    });
    const bomb = gzipSync(new Uint8Array(32 * 1024 * 1024));
    const msg = serializeObject({ _: 'gzip_packed', packedData: bomb });
    expect(() => deserializeObject(msg)).toThrow(/unpacked size/);
    // A trailer that lies about the size is caught too.
    const liar = gzipSync(new Uint8Array(4096).fill(1));
    new DataView(liar.buffer).setUint32(liar.length - 4, 64, true);
    expect(() => deserializeObject(serializeObject({ _: 'gzip_packed', packedData: liar }))).toThrow(
      TlDecodeError,
    );
  });

  it('zlib-framed packed_data (RFC 1950, as mtcute sends) is unpacked under the same bounds', () => {
    const inner = serializeObject({ _: 'pong', msgId: 1n, pingId: 2n });
    const msg = serializeObject({ _: 'gzip_packed', packedData: zlibSync(inner) });
    expect(deserializeObject(msg)).toEqual({ _: 'pong', msgId: 1n, pingId: 2n });
    const bomb = zlibSync(new Uint8Array(32 * 1024 * 1024));
    expect(() => deserializeObject(serializeObject({ _: 'gzip_packed', packedData: bomb }))).toThrow(
      /unpacked size/,
    );
    const truncated = zlibSync(inner).subarray(0, 8);
    expect(() => deserializeObject(serializeObject({ _: 'gzip_packed', packedData: truncated }))).toThrow(
      TlDecodeError,
    );
  });
});

describe('flags', () => {
  it('fields sharing a bit travel together; true flags are the bit itself', () => {
    const bytes = serializeObject({
      _: 'auth.authorization',
      otherwiseReloginDays: 3,
      user: { _: 'userEmpty', id: 1n },
    });
    expect(deserializeObject(bytes)).toMatchObject({ setupPasswordRequired: true, otherwiseReloginDays: 3 });
    expect(() => serializeObject({ _: 'codeSettings', token: 't' })).toThrow(TlEncodeError);
    expect(() => serializeObject({ _: 'codeSettings', token: 't' })).toThrow(/appSandbox/);
  });
});

describe('typed errors', () => {
  it('encoding rejects bad objects with TlEncodeError', () => {
    const cases: unknown[] = [
      { _: 'nope' },
      { _: 'auth.sendCode', phoneNumber: 1, apiId: 1, apiHash: '', settings: { _: 'codeSettings' } },
      { _: 'auth.exportAuthorization', dcId: 2 ** 32 },
      { _: 'auth.exportAuthorization', dcId: 1.5 },
      { _: 'pong', msgId: 1, pingId: 1n },
      { _: 'req_pq_multi', nonce: new Uint8Array(15) },
      { _: 'auth.sendCode', phoneNumber: '', apiId: 1, apiHash: '', settings: { _: 'userEmpty', id: 1n } },
      { _: 'invokeWithLayer', layer: 1, query: { _: 'pong', msgId: 1n, pingId: 1n } },
    ];
    for (const c of cases) expect(() => serializeObject(c as TlMethod)).toThrow(TlEncodeError);
  });

  it('decoding reports offset, constructor and expectation', () => {
    const err = (() => {
      try {
        deserializeObject(hexToBytes('0000000000000000'));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(TlDecodeError);
    expect((err as TlDecodeError).offset).toBe(0);
    expect((err as TlDecodeError).constructorId).toBe(0);
  });

  it('a length prefix or vector count larger than the input is an error before any allocation', () => {
    // bytes with a 16 MB prefix in a 100-byte message
    const big = new Uint8Array(100);
    big.set([0xfe, 0xff, 0xff, 0xff]);
    expect(() => new TlReader(big).tlBytes()).toThrow(/bytes payload/);
    // msgs_ack with count 2^31-1
    const vec = hexToBytes('59b4d66215c4b51cffffff7f' + '00'.repeat(88));
    expect(() => deserializeObject(vec)).toThrow(/vector count/);
    expect(() => deserializeObject(hexToBytes('59b4d66215c4b51cffffffff'))).toThrow(/vector count/);
  });

  it('deep nesting is refused instead of exhausting the stack', () => {
    // jsonArray#f7444763 value:Vector<JSONValue>, nested 10,000 times
    const one = hexToBytes('634744f715c4b51c01000000');
    const deep = new Uint8Array(one.length * 10000 + 4);
    for (let i = 0; i < 10000; i++) deep.set(one, i * one.length);
    deep.set(hexToBytes('687b6d3f'), one.length * 10000);
    expect(() => deserializeObject(deep)).toThrow(/nesting depth/);
  });
});
