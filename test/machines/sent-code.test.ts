/** Pure tables: every auth.SentCodeType surfaced (core.telegram.org/api/auth "Sent code types"), and the phone machine's first transitions. */
import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { codeInfoOf, phoneLoginMachine, routeSentCode, secret, type SentCode } from '../../src/machines/index.js';
import type { TlTypeOf } from '../../src/tl/index.js';
import { sentCode } from './fixtures.js';

const types: [TlTypeOf<'auth.SentCodeType'>, unknown][] = [
  [{ _: 'auth.sentCodeTypeApp', length: 5 }, { type: 'app', length: 5 }],
  [{ _: 'auth.sentCodeTypeSms', length: 6 }, { type: 'sms', length: 6 }],
  [{ _: 'auth.sentCodeTypeSmsWord', beginning: 'a' }, { type: 'smsWord', beginning: 'a' }],
  [{ _: 'auth.sentCodeTypeSmsPhrase' }, { type: 'smsPhrase' }],
  [{ _: 'auth.sentCodeTypeCall', length: 5 }, { type: 'call', length: 5 }],
  [{ _: 'auth.sentCodeTypeFlashCall', pattern: '+7*' }, { type: 'flashCall', pattern: '+7*' }],
  [{ _: 'auth.sentCodeTypeMissedCall', prefix: '+44', length: 4 }, { type: 'missedCall', prefix: '+44', length: 4 }],
  [{ _: 'auth.sentCodeTypeFragmentSms', url: 'https://fragment.com/x', length: 5 }, { type: 'fragmentSms', url: 'https://fragment.com/x', length: 5 }],
  [{ _: 'auth.sentCodeTypeFirebaseSms', length: 6 }, { type: 'firebaseSms', length: 6 }],
  [{ _: 'auth.sentCodeTypeEmailCode', emailPattern: 'a*', length: 6 }, undefined],
  [{ _: 'auth.sentCodeTypeSetUpEmailRequired' }, undefined],
];

describe('sent code', () => {
  it.each(types)('codeInfoOf(%o)', (type, info) => {
    expect(codeInfoOf(type)).toEqual(info);
  });

  it('routes each answer to its screen', () => {
    const route = (s: SentCode) => routeSentCode(s);
    expect(types.map(([t]) => route(sentCode(t)))).toEqual([
      'waitCode', 'waitCode', 'waitCode', 'waitCode', 'waitCode', 'waitCode', 'waitCode', 'waitCode',
      'firebase', 'waitEmailCode', 'waitEmailAddress',
    ]);
  });
});

describe('phone machine transitions (pure)', () => {
  const input = { dcId: 2 };
  it('phone.submit with a plausible number starts sendCode; an implausible one is rejected', () => {
    const [start] = initialTransition(phoneLoginMachine, input);
    const [sending] = transition(phoneLoginMachine, start, { type: 'phone.submit', phone: '+999 662 1234' });
    expect(sending.value).toBe('sendingCode');
    expect(sending.context.phone).toBe('+999 662 1234');
    const [, actions] = transition(phoneLoginMachine, start, { type: 'phone.submit', phone: '12' });
    expect(actions.map((a) => a.type)).toContain('xstate.emit');
  });

  it('code.submit in waitPhoneNumber is not a transition; the secret stays sealed', () => {
    const [start] = initialTransition(phoneLoginMachine, input);
    const code = secret('12345');
    const [next] = transition(phoneLoginMachine, start, { type: 'code.submit', code });
    expect(next.value).toEqual({ waitPhoneNumber: 'idle' });
    expect(JSON.stringify({ code })).toBe('{"code":"[secret]"}');
    expect(code.take()).toBe('12345');
    expect(code.wiped).toBe(true);
  });
});
