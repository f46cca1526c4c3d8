/**
 * A worker that takes over a flow whose owner died in the middle of a step cannot know from the
 * database whether that step reached Telegram: an `auth.signIn` (or `auth.checkPassword`,
 * `auth.signUp`, a QR scan) may have logged the key in, or moved the login on to its password,
 * after the last state the dead owner wrote. Resuming blindly at the recorded code screen would
 * then send a code the server has spent, and the login would fall back to a second `auth.sendCode`.
 *
 * So the new owner asks the server first, with the same auth key and without re-running anything:
 * - is the key logged in? `users.getUsers` of `inputUserSelf` (the engine does it for a session that
 *   has a key and no user: src/machines/auth/identify-session.ts) — then the flow is `ready`;
 * - else, after a code screen, does the key wait for the account's password? `account.getPassword`
 *   answers `has_password` for a login that got `SESSION_PASSWORD_NEEDED`
 *   (https://core.telegram.org/api/srp) — then the flow resumes on the password screen;
 * - else the step did not take: the flow resumes on the recorded screen, the same `phone_code_hash`
 *   and the same key, so the code already sent still works.
 * A probe that fails or times out changes nothing (the recorded screen, as before).
 */
import { decodeSession, encodeSession, memoryStore, type AuthEngine, type SessionData, type SessionStore } from '../../machines/index.js';
import type { RecoveredAnswer } from '../../transport/index.js';
import { decodeInFlight, recoverInFlight, type InFlightRecord } from './in-flight-record.js';
import type { Sealer } from './sealer.js';
import type { FlowStorage } from './storage/flow-storage.js';
import { isSettled, viewWhere } from './view-wait.js';

/** What the probe found; `session` is the session to store before the flow's engine starts. */
export type Settled =
  | { found: 'authorized'; session: Uint8Array }
  | { found: 'passwordNeeded'; session: Uint8Array }
  | { found: 'nothing' };

/** `work`'s result, or undefined once `timeoutMs` passed first. */
function beforeTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/**
 * Probes the key behind `sessionBytes` (a flow whose owner died mid-step); see the file comment.
 * `createEngine` builds an engine on a store (the service's engine options); the probe engine runs
 * on a copy in memory and writes nothing to the flow.
 */
export async function settleInFlight(
  sessionBytes: Uint8Array,
  createEngine: (store: SessionStore) => AuthEngine,
  timeoutMs: number,
): Promise<Settled> {
  let session: SessionData;
  try {
    session = decodeSession(sessionBytes);
  } catch {
    return { found: 'nothing' };
  }
  const pending = session.pendingLogin;
  if (!pending || session.user !== undefined || !session.authKeys?.[pending.dcId]) return { found: 'nothing' };
  // The login's DC as home, no user, no pending record: the engine asks who the key belongs to.
  const { pendingLogin: _pending, ...rest } = session;
  const store = memoryStore(encodeSession({ ...rest, homeDcId: pending.dcId }));
  const probe = createEngine(store);
  try {
    const view = await viewWhere(probe, isSettled, timeoutMs);
    if (view?.status === 'ready' && store.bytes) return { found: 'authorized', session: store.bytes };
    if (view?.status !== 'waitPhoneNumber' || pending.flow !== 'code' || pending.signUp || pending.emailSetup) return { found: 'nothing' };
    // account.getPassword#548a30f5 = account.Password; (home is the login's DC here: no export)
    const password = await beforeTimeout(probe.invoke({ _: 'account.getPassword' }), timeoutMs);
    if (!password?.hasPassword) return { found: 'nothing' };
    return { found: 'passwordNeeded', session: encodeSession({ ...session, pendingLogin: { flow: 'password', dcId: pending.dcId, phone: pending.phone } }) };
  } catch {
    return { found: 'nothing' };
  } finally {
    probe.stop({ keepPendingLogin: true });
  }
}

/** What a takeover's settling uses of the flow host. */
export interface TakeoverDeps {
  readonly storage: FlowStorage;
  readonly sealer: Sealer;
  createEngine(store: SessionStore): AuthEngine;
  recoverAnswer?(record: InFlightRecord): Promise<RecoveredAnswer>;
  now(): number;
  readonly log: { info(fields: object, message: string): void; warn(fields: object, message: string): void };
  readonly timeoutMs: number;
}

/**
 * A takeover of a flow whose owner died mid-step, before its engine starts: first the answer to the
 * dead owner's recorded call, asked from the server in the same MTProto session (in-flight-record.ts),
 * then the probe above; what they found is stored under `token`. True when the server gave the
 * recorded call's answer back.
 */
export async function settleTakeover(d: TakeoverDeps, flowId: string, token: number, sealed: Uint8Array, sealedInFlight: Uint8Array | undefined): Promise<boolean> {
  const { sealer, storage } = d;
  let session = sealer.open(`${flowId}/session`, sealed);
  let recovered = false;
  const record = sealedInFlight && d.recoverAnswer ? decodeInFlight(sealer.open(`${flowId}/inFlight`, sealedInFlight)) : undefined;
  let data: SessionData | undefined;
  try {
    data = decodeSession(session);
  } catch {
    data = undefined; // not a session the engine can read: the probe below says nothing either
  }
  if (record && data) {
    const started = d.now();
    const r = await recoverInFlight(data, record, (x) => d.recoverAnswer!(x), started);
    recovered = r.answer.state === 'answered' && r.answer.result.ok;
    const why = r.answer.state === 'unknown' ? r.answer.why : undefined;
    // At warn level, like the outcome of the command it belongs to: rare, and what an operator looks for after a crash.
    d.log.warn({ flowId, method: record.method, answer: r.answer.state, why, recovered, ms: d.now() - started }, 'in-flight call asked for its answer');
    if (r.session) {
      session = encodeSession(r.session);
      await storage.saveSession(flowId, token, sealer.seal(`${flowId}/session`, session));
    }
    await storage.saveInFlight(flowId, token, undefined);
  }
  const settled = await settleInFlight(session, d.createEngine, d.timeoutMs);
  d.log.info({ flowId, found: settled.found }, 'in-flight step settled with the server');
  if (settled.found !== 'nothing') await storage.saveSession(flowId, token, sealer.seal(`${flowId}/session`, settled.session));
  return recovered;
}
