/**
 * `recoverAnswer`: the I/O around `AnswerRecovery` (session/answer-recovery.ts). One connection to
 * the DC the request went to, with the recorded auth key and session_id; one question (msgs_state_req
 * + msg_resend_ans_req for the recorded msg_id); a verdict within `timeoutMs`, never longer. Nothing
 * is ever called again here: at worst the verdict is `unknown`.
 */
import type { CryptoProvider, Random } from '../../crypto/index.js';
import type { Clock } from '../clock.js';
import type { DcAddress, Dial, Duplex } from '../ports.js';
import { AnswerRecovery, type InFlightRequest, type RecoveredAnswer } from '../session/answer-recovery.js';
import { sessionKey } from '../session/message-crypto.js';
import type { SessionCodec } from '../session/session-codec.js';
import { readInt } from '../session/wire.js';

export interface RecoverAnswerOptions {
  dc: DcAddress;
  dial: Dial;
  clock: Clock;
  random: Random;
  crypto: CryptoProvider;
  codec: SessionCodec;
  /** The auth key the request was sent on (a bound temp key with PFS). */
  authKey: Uint8Array;
  record: InFlightRequest;
  /** Default 10 s. */
  timeoutMs?: number;
}

/** Asks the DC for the answer to the recorded request (see session/answer-recovery.ts). */
export function recoverAnswer(o: RecoverAnswerOptions): Promise<RecoveredAnswer> {
  const recovery = new AnswerRecovery({
    key: sessionKey(o.authKey, o.crypto),
    record: o.record,
    clock: o.clock,
    random: o.random,
    crypto: o.crypto,
    codec: o.codec,
  });
  return new Promise((resolve) => {
    let duplex: Duplex | undefined;
    let done = false;
    const finish = (verdict: RecoveredAnswer): void => {
      if (done) return;
      done = true;
      o.clock.clearTimeout(timer);
      sub?.unsubscribe();
      duplex?.close();
      resolve(verdict);
    };
    const timer = o.clock.setTimeout(
      () => finish({ state: 'unknown', why: recovery.answerPromised ? 'answer.late' : 'timeout' }),
      o.timeoutMs ?? 10_000,
    );
    let sub: { unsubscribe(): void } | undefined;
    try {
      duplex = o.dial(o.dc);
      const d = duplex;
      sub = d.frames$.subscribe({
        next: (payload) => {
          // core.telegram.org/mtproto/mtproto-transports "Transport errors": -404, the key is gone.
          if (payload.length === 4 && readInt(payload, 0) < 0) return finish({ state: 'unknown', why: `transport.${readInt(payload, 0)}` });
          const verdict = recovery.receive(payload);
          if (verdict === 'again') d.send(recovery.request());
          else if (verdict) finish(verdict);
        },
        error: () => finish({ state: 'unknown', why: 'connection' }),
        complete: () => finish({ state: 'unknown', why: 'connection' }),
      });
      if (done) sub.unsubscribe();
      else d.send(recovery.request());
    } catch {
      finish({ state: 'unknown', why: 'connection' });
    }
  });
}
