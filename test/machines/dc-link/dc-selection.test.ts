/** resolveDcs: the DC list and RSA keys an engine starts from (PEMs parsed once per process). */
import { describe, expect, it } from 'vitest';
import { AuthEngineError, resolveDcs } from '../../../src/machines/index.js';
import { SIMULATOR_RSA_PUBLIC_KEY_PEM } from '../../../src/crypto/index.js';

const config = { dcs: [{ id: 2, host: '127.0.0.1', tcpPort: 10443 }], rsaPublicKeyPem: SIMULATOR_RSA_PUBLIC_KEY_PEM };

describe('resolveDcs', () => {
  it('hands every engine the same frozen key for the same PEM', () => {
    const a = resolveDcs(config).rsaKeys[0]!;
    const b = resolveDcs({ ...config }).rsaKeys[0]!;
    expect(b).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(a.fingerprint).toBe(resolveDcs(config, [SIMULATOR_RSA_PUBLIC_KEY_PEM]).rsaKeys[0]!.fingerprint);
  });

  it('rejects a bad PEM every time (nothing is cached for it)', () => {
    const bad = '-----BEGIN RSA PUBLIC KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----';
    expect(() => resolveDcs(config, [bad])).toThrow();
    expect(() => resolveDcs(config, [bad])).toThrow();
  });

  it('rejects an empty DC list', () => {
    expect(() => resolveDcs({ dcs: [] })).toThrow(AuthEngineError);
  });
});
