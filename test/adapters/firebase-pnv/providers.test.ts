/**
 * The Firebase PNV providers: the browser one feature-detects the Digital Credentials API, hands the
 * server's request to `navigator.credentials.get` as is and the credential to the host's exchange;
 * the software one answers only a request naming the intent's nonce.
 */
import { describe, expect, it } from 'vitest';
import {
  browserFirebasePnvProvider,
  isDigitalCredentialsSupported,
  nonceOfPayload,
  softwareFirebasePnvProvider,
  type DigitalCredentialsContainer,
} from '../../../src/adapters/firebase-pnv/index.js';
import { AuthEngineError } from '../../../src/machines/index.js';
import { digitalCredentialPayloadOf } from '../../../src/simulator/index.js';

const intent = { nonce: 'n0nce', digitalCredentialPayload: digitalCredentialPayloadOf('n0nce') };
const signal = new AbortController().signal;
const codeOf = (p: Promise<unknown>) => p.then(() => 'resolved', (e: unknown) => (e instanceof AuthEngineError ? e.code : String(e)));

describe('browserFirebasePnvProvider', () => {
  it('is unsupported without DigitalCredential or navigator.credentials', async () => {
    expect(isDigitalCredentialsSupported({})).toBe(false);
    expect(isDigitalCredentialsSupported({ DigitalCredential: class {} })).toBe(false);
    const exchange = () => Promise.reject(new Error('not called'));
    expect(await codeOf(browserFirebasePnvProvider({ exchange, env: {} }).verifyPhoneNumber(intent, signal))).toBe(
      'firebasePnv.unsupported',
    );
  });

  it('asks for the digital credential the payload describes and exchanges what the device returns', async () => {
    const asked: unknown[] = [];
    const credentials: DigitalCredentialsContainer = {
      get: (options) => (asked.push(options), Promise.resolve({ protocol: 'openid4vp-v1-unsigned', data: { vp_token: 'vp' } })),
    };
    const env = { DigitalCredential: class {}, navigator: { credentials } };
    expect(isDigitalCredentialsSupported(env)).toBe(true);
    const provider = browserFirebasePnvProvider({
      env,
      exchange: (credential, i) => Promise.resolve({ googleToken: `token-for-${i.nonce}-${JSON.stringify(credential.data)}` }),
    });
    expect(await provider.verifyPhoneNumber(intent, signal)).toEqual({ googleToken: 'token-for-n0nce-{"vp_token":"vp"}' });
    expect(asked).toEqual([{ digital: { requests: [JSON.parse(intent.digitalCredentialPayload)] }, mediation: 'required', signal }]);
    const none = browserFirebasePnvProvider({
      env: { DigitalCredential: class {}, navigator: { credentials: { get: () => Promise.resolve(null) } } },
      exchange: () => Promise.reject(new Error('not called')),
    });
    expect(await codeOf(none.verifyPhoneNumber(intent, signal))).toBe('firebasePnv.noCredential');
    expect(await codeOf(provider.verifyPhoneNumber({ ...intent, digitalCredentialPayload: '{' }, signal))).toBe(
      'firebasePnv.payloadInvalid',
    );
  });
});

describe('softwareFirebasePnvProvider', () => {
  it('mints a token for its number and the nonce the request names, and only then', async () => {
    const issued: string[] = [];
    const provider = softwareFirebasePnvProvider({ phone: '+999 662 1234', issue: (p, n) => (issued.push(`${p}|${n}`), `t-${n}`) });
    expect(nonceOfPayload(intent.digitalCredentialPayload)).toBe('n0nce');
    expect(await provider.verifyPhoneNumber(intent, signal)).toEqual({ googleToken: 't-n0nce', phone: '9996621234' });
    expect(issued).toEqual(['+999 662 1234|n0nce']);
    const other = { ...intent, digitalCredentialPayload: digitalCredentialPayloadOf('another') };
    expect(await codeOf(provider.verifyPhoneNumber(other, signal))).toBe('firebasePnv.payloadInvalid');
    const cannot = softwareFirebasePnvProvider({ phone: undefined, issue: () => 'x' });
    expect(await codeOf(cannot.verifyPhoneNumber(intent, signal))).toBe('firebasePnv.unsupported');
  });
});
