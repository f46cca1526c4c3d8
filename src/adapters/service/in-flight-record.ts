/**
 * The owner's last call that must not run twice — `auth.sendCode`, `auth.signIn`,
 * `auth.checkPassword` — recorded in the flow's row (sealed) before it is sent: the DC, the auth key
 * it runs on, the MTProto session_id, msg_id and seq_no (record before send,
 * src/transport/session/hold-for-record.ts). A worker that takes the flow over from a dead owner
 * asks the server for that msg_id's answer in the same session (src/transport/connection/
 * recover-answer.ts) and, when it comes back, stores what the dead owner would have stored:
 * - `auth.sentCode` of a `phone.submit` → the code screen with that `phone_code_hash` (no second code);
 * - `auth.authorizationSignUpRequired` of a `code.submit` → the registration screen;
 * - `auth.authorization` (signIn, checkPassword) and `SESSION_PASSWORD_NEEDED` are found by the
 *   probe that follows (settle-in-flight.ts: the key is logged in, or waits for its password).
 * Nothing here ever calls the method again.
 */
import { bytesToHex, hexToBytes, pureCrypto, secureRandom } from '../../crypto/index.js';
import { encodeSentCode, type AuthEngineOptions, type SessionData } from '../../machines/index.js';
import { recoverAnswer, tlSessionCodec, type DcAddress, type OutgoingRecord, type RecoveredAnswer } from '../../transport/index.js';
import type { TlObject } from '../../tl/index.js';

/** The methods a flow records before sending them. */
export const RECORDED_METHODS: ReadonlySet<string> = new Set(['auth.sendCode', 'auth.signIn', 'auth.checkPassword']);

/** What is kept (sealed) of an `OutgoingRecord`: never the request itself (a code, an SRP proof). */
export type InFlightRecord = Omit<OutgoingRecord, 'request'> & {
  /** auth.sendCode only: the phone it sent a code to (the code screen needs it). */
  readonly phone?: string;
};

/** JSON bytes of the record (to be sealed). */
export function encodeInFlight(r: OutgoingRecord): Uint8Array {
  const phone = r.method === 'auth.sendCode' ? (r.request['phoneNumber'] as string | undefined) : undefined;
  const { dcId, host, port } = r.dc;
  return new TextEncoder().encode(
    JSON.stringify({
      dc: { dcId, host, port, ...(r.dc.test ? { test: true } : {}) },
      method: r.method,
      authKey: bytesToHex(r.authKey),
      serverSalt: String(r.serverSalt),
      timeOffset: r.timeOffset,
      sessionId: String(r.sessionId),
      msgId: String(r.msgId),
      seqNo: r.seqNo,
      ...(phone !== undefined ? { phone } : {}),
    }),
  );
}

/** The record from its JSON bytes; undefined when they are not one. */
export function decodeInFlight(bytes: Uint8Array): InFlightRecord | undefined {
  try {
    const o = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown> & { dc: DcAddress };
    if (typeof o['method'] !== 'string' || typeof o['authKey'] !== 'string' || typeof o.dc?.dcId !== 'number') return undefined;
    return {
      dc: o.dc,
      method: o['method'],
      authKey: hexToBytes(o['authKey']),
      serverSalt: BigInt(o['serverSalt'] as string),
      timeOffset: Number(o['timeOffset']),
      sessionId: BigInt(o['sessionId'] as string),
      msgId: BigInt(o['msgId'] as string),
      seqNo: Number(o['seqNo']),
      ...(typeof o['phone'] === 'string' ? { phone: o['phone'] } : {}),
    };
  } catch {
    return undefined;
  }
}

/**
 * The session with the recovered answer stored as the dead owner would have stored it, or
 * undefined when the answer changes nothing here (the probe after it finds the rest).
 */
export function applyRecovered(session: SessionData, record: InFlightRecord, answer: RecoveredAnswer, now: number): SessionData | undefined {
  if (answer.state !== 'answered' || !answer.result.ok) return undefined;
  const value = answer.result.value as TlObject;
  // auth.sendCode#a677244f … = auth.SentCode; only for a login that stored nothing yet.
  if (record.method === 'auth.sendCode' && value._ === 'auth.sentCode' && record.phone && !session.pendingLogin && !session.user) {
    const resendAt = now + (value.timeout ?? 0) * 1000;
    return { ...session, pendingLogin: { flow: 'code', dcId: record.dc.dcId, phone: record.phone, sentCode: encodeSentCode(value), resendAt } };
  }
  // auth.signIn answered auth.authorizationSignUpRequired: the registration screen, with its terms.
  const pending = session.pendingLogin;
  if (record.method === 'auth.signIn' && value._ === 'auth.authorizationSignUpRequired' && pending?.flow === 'code' && !pending.signUp) {
    const terms = value.termsOfService ? { terms: encodeSentCode(value.termsOfService) } : {};
    return { ...session, pendingLogin: { ...pending, signUp: terms } };
  }
  return undefined;
}

/** What a takeover learnt from the server about the dead owner's call. */
export interface Recovery {
  /** The server's verdict (`answered`: the call ran once and this is its answer). */
  readonly answer: RecoveredAnswer;
  /** The session to store, when the answer moved the login on (see `applyRecovered`). */
  readonly session?: SessionData;
}

/** Asks for the recorded call's answer with `recover` and applies it to `session`. */
export async function recoverInFlight(
  session: SessionData,
  record: InFlightRecord,
  recover: (record: InFlightRecord) => Promise<RecoveredAnswer>,
  now: number,
): Promise<Recovery> {
  let answer: RecoveredAnswer;
  try {
    answer = await recover(record);
  } catch {
    answer = { state: 'unknown', why: 'error' };
  }
  const next = applyRecovered(session, record, answer, now);
  return next ? { answer, session: next } : { answer };
}

/**
 * The service's way to ask a DC for a recorded call's answer, with the engine's dial, clock and
 * crypto; undefined for engines without a built-in transport (a host `rpc`).
 */
export function answerRecovery(engine: Omit<AuthEngineOptions, 'store'>, timeoutMs = 10_000): ((r: InFlightRecord) => Promise<RecoveredAnswer>) | undefined {
  const { dial, clock } = engine;
  if (!dial || !clock || engine.rpc) return undefined;
  return (r) =>
    recoverAnswer({
      dc: r.dc,
      dial,
      clock,
      random: engine.random ?? secureRandom,
      crypto: engine.crypto ?? pureCrypto,
      codec: tlSessionCodec,
      authKey: r.authKey,
      record: r,
      timeoutMs,
    });
}
