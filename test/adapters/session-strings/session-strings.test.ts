import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fromGramjsSession,
  fromMtcuteSession,
  fromPyrogramSession,
  fromTelethonSession,
  SessionStringError,
  toGramjsSession,
  toMtcuteSession,
  toPyrogramSession,
  toTelethonSession,
  type PortableSession,
} from '../../../src/adapters/session-strings/index.js';

/** Vectors built with Python's struct/base64 from each library's layout; see the file's "source". */
const vectors = JSON.parse(
  readFileSync(new URL('session-string-vectors.json', import.meta.url), 'utf8'),
) as Record<string, unknown> & {
  telethon: string;
  telethonIpv6: { host: string; string: string };
  gramjs: string;
  pyrogram: string;
  pyrogram64: { string: string };
  pyrogram32: string;
  mtcute: string;
};

const authKey = Uint8Array.from({ length: 256 }, (_, i) => i);
const base: PortableSession = { dcId: 2, host: '149.154.167.51', port: 443, authKey };

describe('session strings match the libraries’ layouts (Python-built vectors)', () => {
  it('Telethon, IPv4 and IPv6', () => {
    expect(toTelethonSession(base)).toBe(vectors.telethon);
    expect(fromTelethonSession(vectors.telethon)).toEqual(base);
    const v6 = { ...base, host: vectors.telethonIpv6.host };
    expect(toTelethonSession(v6)).toBe(vectors.telethonIpv6.string);
    // Read back as eight full groups: the same address, spelled out.
    expect(fromTelethonSession(vectors.telethonIpv6.string).host).toBe('2001:67c:4e8:f002:0:0:0:a');
  });

  it('GramJS', () => {
    expect(toGramjsSession(base)).toBe(vectors.gramjs);
    expect(fromGramjsSession(vectors.gramjs)).toEqual(base);
  });

  it('Pyrogram, current and both older formats', () => {
    const session = { dcId: 2, authKey, userId: 123456789n, apiId: 12345, testMode: false, isBot: false };
    expect(toPyrogramSession(session)).toBe(vectors.pyrogram);
    expect(fromPyrogramSession(vectors.pyrogram)).toEqual(session);
    expect(fromPyrogramSession(vectors.pyrogram64.string)).toEqual({
      dcId: 2,
      authKey,
      userId: 123456789n,
      testMode: true,
      isBot: true,
    });
    expect(fromPyrogramSession(vectors.pyrogram32)).toEqual({
      dcId: 2,
      authKey,
      userId: 123456789n,
      testMode: false,
      isBot: false,
    });
  });

  it('mtcute v3', () => {
    const session = { ...base, userId: 123456789n, isBot: false };
    expect(toMtcuteSession(session)).toBe(vectors.mtcute);
    expect(fromMtcuteSession(vectors.mtcute)).toEqual(session);
  });
});

describe('round trips (property)', () => {
  const key = fc.uint8Array({ minLength: 256, maxLength: 256 });
  const dcId = fc.integer({ min: 1, max: 255 });
  const ipv4 = fc.ipV4();

  it('Telethon and GramJS keep dc, address, port and key', () => {
    fc.assert(
      fc.property(dcId, ipv4, fc.integer({ min: 1, max: 32767 }), key, (d, host, port, k) => {
        const s: PortableSession = { dcId: d, host, port, authKey: k };
        expect(fromTelethonSession(toTelethonSession(s))).toEqual(s);
        expect(fromGramjsSession(toGramjsSession(s))).toEqual(s);
      }),
    );
  });

  it('Pyrogram and mtcute keep what they carry', () => {
    fc.assert(
      fc.property(
        dcId,
        ipv4,
        fc.integer({ min: 1, max: 65535 }),
        key,
        fc.bigInt({ min: 1n, max: (1n << 53n) - 1n }),
        fc.boolean(),
        fc.boolean(),
        (d, host, port, k, userId, isBot, testMode) => {
          const py = { dcId: d, authKey: k, userId, isBot, testMode, apiId: 4 };
          expect(fromPyrogramSession(toPyrogramSession(py))).toEqual(py);
          const mt: PortableSession = {
            dcId: d,
            host,
            port,
            authKey: k,
            userId,
            isBot,
            ...(testMode ? { testMode } : {}),
          };
          expect(fromMtcuteSession(toMtcuteSession(mt))).toEqual(mt);
        },
      ),
    );
  });
});

describe('bad input is a SessionStringError naming the format', () => {
  it.each([
    ['gramjs', () => fromGramjsSession('2' + vectors.gramjs.slice(1))],
    ['gramjs', () => fromGramjsSession(vectors.gramjs.slice(0, -8))],
    ['gramjs', () => toGramjsSession({ ...base, port: 40000 })],
    ['telethon', () => fromTelethonSession('1!!!')],
    ['telethon', () => toTelethonSession({ ...base, host: 'example.org' })],
    ['telethon', () => toTelethonSession({ ...base, authKey: new Uint8Array(255) })],
    ['pyrogram', () => fromPyrogramSession(vectors.pyrogram.slice(0, 100))],
    ['pyrogram', () => toPyrogramSession({ dcId: 2, authKey })],
    ['mtcute', () => fromMtcuteSession(vectors.mtcute.slice(0, 40))],
    ['mtcute', () => fromMtcuteSession('AQ' + vectors.mtcute.slice(2))],
  ])('%s #%#', (format, run) => {
    expect(run).toThrow(SessionStringError);
    expect(run).toThrow(expect.objectContaining({ format }));
  });
});
