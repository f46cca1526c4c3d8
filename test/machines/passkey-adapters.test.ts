/** The passkey adapters: WebAuthn authenticator data layout, browser conversion both ways, and the QR link helpers. */
import { p256 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import {
  authenticatorDataOf,
  browserPasskeyAuthenticator,
  createSoftwarePasskey,
  signAssertion,
  softwarePasskeyAuthenticator,
} from '../../src/adapters/passkey/index.js';
import { concatBytes, sha256 } from '../../src/crypto/index.js';
import { base64urlDecode, base64urlEncode, parseQrLoginLink, parseUserHandle, qrLoginLink } from '../../src/machines/index.js';
import { fixedRandom } from '../helpers/fixed-random.js';

const buf = (u: Uint8Array): ArrayBuffer => u.slice().buffer;

describe('passkey adapters', () => {
  it('authenticatorData is rpIdHash | UP|UV | big-endian counter (WebAuthn L2 §6.1)', () => {
    const data = authenticatorDataOf('telegram.org', 258);
    expect(data.length).toBe(37);
    expect(data.subarray(0, 32)).toEqual(sha256(new TextEncoder().encode('telegram.org')));
    expect([...data.subarray(32)]).toEqual([0x05, 0, 0, 1, 2]);
  });

  it('the software signature verifies over authData | SHA-256(clientDataJSON) and the counter grows', () => {
    const pk = createSoftwarePasskey({ userHandle: '2:1', random: fixedRandom('a') });
    const a1 = signAssertion(pk, 'Y2g', 'https://telegram.org');
    const a2 = signAssertion(pk, 'Y2g', 'https://telegram.org');
    const signed = concatBytes(a1.authenticatorData, sha256(new TextEncoder().encode(a1.clientDataJson)));
    expect(p256.verify(a1.signature, signed, pk.publicKey, { format: 'der', prehash: true, lowS: false })).toBe(true);
    expect(p256.verify(a2.signature, signed, pk.publicKey, { format: 'der', prehash: true, lowS: false })).toBe(false);
    expect(JSON.parse(a1.clientDataJson)).toEqual({ type: 'webauthn.get', challenge: 'Y2g', origin: 'https://telegram.org', crossOrigin: false });
  });

  it('the software authenticator honours rpId and allowCredentials', async () => {
    const pk = createSoftwarePasskey({ userHandle: '2:1', random: fixedRandom('b') });
    const auth = softwarePasskeyAuthenticator([pk]);
    const signal = new AbortController().signal;
    await expect(auth.getAssertion({ challenge: 'x', rpId: 'example.com' }, signal)).rejects.toMatchObject({ code: 'passkey.notFound' });
    await expect(
      auth.getAssertion({ challenge: 'x', allowCredentials: [{ id: 'AAAA', type: 'public-key' }] }, signal),
    ).rejects.toMatchObject({ code: 'passkey.notFound' });
    await expect(auth.getAssertion({ challenge: 'x' }, signal)).resolves.toMatchObject({ userHandle: '2:1' });
  });

  it('the browser adapter decodes options to buffers and the credential back to the port shape', async () => {
    const pk = createSoftwarePasskey({ userHandle: '4:99', random: fixedRandom('c') });
    let seen: Record<string, unknown> = {};
    const container = {
      get: ({ publicKey }: { publicKey: Record<string, unknown> }) => {
        seen = publicKey;
        const a = signAssertion(pk, 'AQID', 'https://telegram.org');
        const enc = new TextEncoder();
        return Promise.resolve({
          id: a.credentialId,
          response: {
            clientDataJSON: buf(enc.encode(a.clientDataJson)),
            authenticatorData: buf(a.authenticatorData),
            signature: buf(a.signature),
            userHandle: buf(enc.encode(a.userHandle)),
          },
        });
      },
    };
    const a = await browserPasskeyAuthenticator(container).getAssertion(
      { challenge: 'AQID', allowCredentials: [{ id: 'BAU', type: 'public-key' }] },
      new AbortController().signal,
    );
    expect(seen.challenge).toEqual(new Uint8Array([1, 2, 3]));
    expect(seen.allowCredentials).toEqual([{ id: new Uint8Array([4, 5]), type: 'public-key' }]);
    expect(a).toMatchObject({ credentialId: pk.credentialId, userHandle: '4:99' });
    await expect(browserPasskeyAuthenticator({ get: () => Promise.resolve(null) }).getAssertion({ challenge: 'AA' }, new AbortController().signal)).rejects.toMatchObject({
      code: 'passkey.noAssertion',
    });
  });

  it('QR links and user handles parse strictly', () => {
    const token = new Uint8Array([0xfb, 0xff, 0x00, 0x10]);
    expect(qrLoginLink(token)).toBe('tg://login?token=-_8AEA');
    expect(parseQrLoginLink('tg://login?token=-_8AEA')).toEqual(token);
    expect(parseQrLoginLink('tg:login?token=-_8AEA==')).toEqual(token);
    expect(parseQrLoginLink('tg://login?code=12345')).toBeUndefined();
    expect(parseQrLoginLink('tg://login?token=-_8A*A')).toBeUndefined();
    expect(base64urlDecode(base64urlEncode(new Uint8Array(255).map((_, i) => i)))).toEqual(new Uint8Array(255).map((_, i) => i));
    expect(() => base64urlDecode('A')).toThrow();
    expect(parseUserHandle('2:777001')).toEqual({ dcId: 2, userId: 777001n });
    expect(parseUserHandle('0:1')).toBeUndefined();
    expect(parseUserHandle('2:')).toBeUndefined();
  });
});
