/** Redaction rules on plain data: what is hidden, what is kept, and a property over random trees. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RedactionRules, redactValue } from '../../../src/adapters/inspect/index.js';
import { secret } from '../../../src/machines/index.js';
import { RpcError } from '../../../src/transport/index.js';

const r = (v: unknown, rules = new RedactionRules()) => redactValue(v, rules);

describe('redactValue', () => {
  it('hides secrets by name and by value, keeps what a reader needs', () => {
    expect(
      r({
        password: { _: 'inputCheckPasswordSRP', srpId: 5n, A: new Uint8Array(2), M1: new Uint8Array(3) },
        hasPassword: true,
        phoneCode: '12345',
        phoneCodeHash: 'abc',
        codeInfo: { type: 'app', length: 5 },
        code: 400, // an RPC error code, not a login code
        futureAuthToken: 'x',
        logoutTokens: ['a', 'b'],
        blob: new Uint8Array(16),
        sealed: secret('hunter2'),
        link: 'tg://login?token=AQID-_x',
        user: { id: 777001n, firstName: 'Ada' },
      }),
    ).toEqual({
      password: '[redacted]',
      hasPassword: true,
      phoneCode: '[redacted]',
      phoneCodeHash: '[redacted]',
      codeInfo: { type: 'app', length: 5 },
      code: 400,
      futureAuthToken: '[redacted]',
      logoutTokens: '[redacted]',
      blob: '[redacted 16 bytes]',
      sealed: '[secret]',
      link: 'tg://login?token=[redacted]',
      user: { id: 777001n, firstName: 'Ada' },
    });
  });

  it('errors keep name, message and typed fields; cycles and depth are bounded; extra keys and secrets apply', () => {
    const rules = new RedactionRules({ keys: ['phone', /^email/], secrets: ['s3cr3t-value'], maxDepth: 3 });
    const cyclic: Record<string, unknown> = { note: 'has s3cr3t-value inside' };
    cyclic.self = cyclic;
    const out = r(
      {
        error: new RpcError(400, 'PHONE_CODE_INVALID'),
        phone: '+99966',
        emailPattern: 'a***',
        cyclic,
        deep: { a: { b: { c: { d: 1 } } } },
      },
      rules,
    ) as Record<string, unknown>;
    expect(out.error).toMatchObject({ name: 'RpcError', code: 400, type: 'PHONE_CODE_INVALID' });
    expect(out.phone).toBe('[redacted]');
    expect(out.emailPattern).toBe('[redacted]');
    expect(out.cyclic).toEqual({ note: 'has [redacted] inside', self: '[circular]' });
    expect(out.deep).toEqual({ a: { b: { c: '[depth limit]' } } });
  });

  it('property: a secret string or byte array planted anywhere in a random tree never survives', () => {
    const plain = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.integer(),
        fc.boolean(),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    const needle = 'NEEDLE-7f3a';
    fc.assert(
      fc.property(
        plain,
        fc.array(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (tree, path, asBytes) => {
          // Plant the needle under `path` (as a string, or as bytes spelling it).
          const planted = { root: tree } as Record<string, unknown>;
          let at = planted;
          for (const k of path.slice(0, -1)) at = (at[k] = {}) as Record<string, unknown>;
          at[path[path.length - 1]!] = asBytes ? new TextEncoder().encode(needle) : `x ${needle} y`;
          const json = JSON.stringify(
            redactValue(planted, new RedactionRules({ secrets: [needle] })),
            (_k, v: unknown) =>
              v instanceof Uint8Array ? new TextDecoder().decode(v) : typeof v === 'bigint' ? String(v) : v,
          );
          return !json.includes(needle);
        },
      ),
      { numRuns: 300, seed: 9 },
    );
  });
});
