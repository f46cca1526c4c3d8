/**
 * Answers belong to the session (core.telegram.org/mtproto/service_messages_about_messages): the
 * server half keeps each session's rpc_results by msg_id (bounded), answers msgs_state_req with the
 * documented status bits and msg_resend_ans_req with the stored rpc_result, and never runs a msg_id
 * twice. The client half records a call before it is sent (hold-for-record.ts), "dies", and another
 * client asks the same session for the answer (answer-recovery.ts), all in memory on a manual clock.
 */
import { describe, expect, it } from 'vitest';
import { pureCrypto } from '../../../src/crypto/index.js';
import {
  AnswerRecovery,
  decryptMessage,
  encryptMessage,
  holdForRecord,
  isContainer,
  msgResendAnsReq,
  packRpcResult,
  readMsgResendAnsReq,
  readRpcResult,
  ServerAnswers,
  tlSessionCodec,
  unpackContainer,
  type OutgoingRecord,
  type RecoveredAnswer,
  type ServerAnswer,
  type TlLike,
} from '../../../src/transport/index.js';
import { ManualClock } from '../../helpers/manual-clock.js';
import { defaultHandle, makePair } from './session-harness.js';

const DC = { dcId: 2, host: '127.0.0.1', port: 1 };

/** A pair whose server counts the runs of each method; `gate` holds a run until released. */
function countingPair(seed: string) {
  const runs = new Map<string, number>();
  let gate: Promise<void> | undefined;
  const p = makePair({
    seed,
    handle: async (request: TlLike): Promise<ServerAnswer> => {
      runs.set(request._, (runs.get(request._) ?? 0) + 1);
      if (gate) await gate;
      return defaultHandle(request);
    },
  });
  return { p, runs, hold: (g: Promise<void> | undefined) => (gate = g) };
}

/** Records every held call (resolving the record at once) and returns them. */
function recordAll(p: ReturnType<typeof makePair>, methods: string[]): OutgoingRecord[] {
  const records: OutgoingRecord[] = [];
  const recorder = { methods: new Set(methods), record: async (r: OutgoingRecord) => (records.push(r), true) };
  const flush = p.flushClient.bind(p);
  p.flushClient = () => {
    holdForRecord(p.client, recorder, DC, p.clock, () => undefined);
    flush();
  };
  return records;
}

/** Sends what the client has queued: recorded calls are held first, then go once their record resolved. */
async function sendRecorded(p: ReturnType<typeof makePair>): Promise<void> {
  p.flushClient();
  for (let i = 0; i < 5; i++) await Promise.resolve();
  p.flushClient();
}

/** Runs one AnswerRecovery exchange for `record` on a fresh server connection. */
async function recover(p: ReturnType<typeof makePair>, record: OutgoingRecord): Promise<RecoveredAnswer | undefined> {
  const recovery = new AnswerRecovery({ key: p.key, record, clock: p.clock, random: p.random, crypto: pureCrypto, codec: tlSessionCodec });
  const out: Uint8Array[] = [];
  const conn = p.server.connect((payload) => out.push(payload));
  let next: Uint8Array | undefined = recovery.request();
  for (let round = 0; round < 10 && next; round++) {
    await conn.receive(next);
    next = undefined;
    for (const payload of out.splice(0)) {
      const verdict = recovery.receive(payload);
      if (verdict === 'again') next = recovery.request();
      else if (verdict) return verdict;
    }
  }
  return undefined;
}

/** The server's answers to one forged message in the recorded session, decoded (rpc_result as `{ _, reqMsgId }`). */
async function ask(p: ReturnType<typeof makePair>, body: Uint8Array, msgId: bigint, seqNo: number): Promise<TlLike[]> {
  const out: Uint8Array[] = [];
  const conn = p.server.connect((payload) => out.push(payload));
  await conn.receive(encryptMessage(p.key, 'client', { salt: p.client.serverSalt, sessionId: p.client.sessionId, msgId, seqNo, body }, p.random, pureCrypto));
  const seen: TlLike[] = [];
  for (const wire of out) {
    const d = decryptMessage(p.key, 'server', wire, pureCrypto);
    if (!d.ok) continue;
    for (const m of isContainer(d.message.body) ? unpackContainer(d.message.body, d.message.msgId)! : [d.message]) {
      const head = new DataView(m.body.buffer, m.body.byteOffset).getUint32(0, true);
      seen.push(head === 0xf35c6d01 ? { _: 'rpc_result', reqMsgId: readRpcResult(m.body).reqMsgId } : tlSessionCodec.deserialize(m.body));
    }
  }
  return seen;
}

describe('answers kept by the server session', () => {
  it('msgs_state_info: 4+32+64 answered, 4+32 running, 3 above, 2 in range not received, 1 older than the session', async () => {
    const { p, hold } = countingPair('state-bits');
    const records = recordAll(p, ['help.getNearestDc']);
    p.client.invoke({ _: 'help.getNearestDc' });
    await sendRecorded(p);
    await p.pump();
    const answered = records[0]!.msgId;
    let release!: () => void;
    hold(new Promise<void>((r) => (release = r)));
    p.client.invoke({ _: 'help.getNearestDc' });
    await sendRecorded(p);
    const pending = p.toServer.splice(0).map((x) => p.conn.receive(x));
    const running = records[1]!.msgId;
    const base = running + (1n << 20n);
    const query = (ids: bigint[]) => tlSessionCodec.serialize({ _: 'msgs_state_req', msgIds: ids });
    const inRange = answered + 1n; // between two received ids, and never a client's (not 0 mod 4)
    const [info] = (await ask(p, query([answered, running, base + (1n << 32n), inRange, answered - (1n << 32n)]), base, 100)).filter((o) => o._ === 'msgs_state_info');
    expect([...(info!['info'] as Uint8Array)]).toEqual([4 | 32 | 64, 4 | 32, 3, 2, 1]);
    release();
    await Promise.all(pending);
  });

  it('msg_resend_ans_req gets the stored rpc_result again, on another connection of the session; the call ran once', async () => {
    const { p, runs } = countingPair('resend');
    const records = recordAll(p, ['help.getNearestDc']);
    p.client.invoke({ _: 'help.getNearestDc' });
    await sendRecorded(p);
    await p.pump();
    const m = records[0]!.msgId;
    expect(readMsgResendAnsReq(msgResendAnsReq([m, 8n]))).toEqual([m, 8n]);
    const seen = await ask(p, msgResendAnsReq([m, m + 4n]), m + (1n << 20n), 100);
    expect(seen.filter((o) => o._ === 'rpc_result')).toEqual([{ _: 'rpc_result', reqMsgId: m }]);
    // The same msg_id sent again (the same bytes) is a duplicate: answered from the cache, not run.
    const again = await ask(p, tlSessionCodec.serialize({ _: 'help.getNearestDc' }), m, records[0]!.seqNo);
    expect(again).toContainEqual({ _: 'rpc_result', reqMsgId: m });
    expect(runs.get('help.getNearestDc')).toBe(1);
  });

  it('keeps at most maxCount answers, each for ttlMs', () => {
    const clock = new ManualClock();
    const answers = new ServerAnswers(clock, 3, 1000);
    for (let i = 1n; i <= 5n; i++) answers.set(i * 4n, new Uint8Array([Number(i)]));
    expect(answers.size).toBe(3);
    expect(answers.has(4n)).toBe(false);
    expect(answers.get(20n)).toEqual(new Uint8Array([5]));
    clock.advance(600);
    answers.set(24n, new Uint8Array([6]));
    clock.advance(500);
    expect(answers.size).toBe(1);
    expect(answers.has(24n)).toBe(true);
  });
});

describe('answer recovery from another process (same key, same session)', () => {
  it('a call the server ran after its client died: the answer comes back, the method ran once', async () => {
    const { p, runs } = countingPair('recover-answered');
    const records = recordAll(p, ['help.getNearestDc']);
    p.client.invoke({ _: 'help.getNearestDc' });
    await sendRecorded(p);
    // The server runs it; the answer goes to a connection nobody reads any more.
    await Promise.all(p.toServer.splice(0).map((x) => p.conn.receive(x)));
    p.conn.close();
    p.clock.advance(3_000);
    const verdict = await recover(p, records[0]!);
    expect(verdict).toEqual({ state: 'answered', result: { ok: true, value: { _: 'nearestDc', country: 'NL', thisDc: 2, nearestDc: 2 } } });
    expect(runs.get('help.getNearestDc')).toBe(1);
  });

  it('a call recorded but never sent: notReceived (sending it now is its first run)', async () => {
    const { p, runs } = countingPair('recover-unsent');
    p.client.invoke({ _: 'help.getNearestDc' });
    await p.pump(); // the session exists on the server
    const records = recordAll(p, ['help.getNearestDc']);
    p.client.invoke({ _: 'help.getNearestDc' });
    await sendRecorded(p);
    expect(p.toServer.length).toBeGreaterThan(0);
    p.toServer.splice(0); // lost with its process
    expect(await recover(p, records[0]!)).toEqual({ state: 'notReceived' });
    expect(runs.get('help.getNearestDc')).toBe(1);
  });

  it('an answer to the recorded call that does not decode: unknown (the method ran), not a throw', async () => {
    const { p } = countingPair('recover-undecodable');
    const records = recordAll(p, ['help.getNearestDc']);
    p.client.invoke({ _: 'help.getNearestDc' });
    await sendRecorded(p);
    const record = records[0]!;
    const recovery = new AnswerRecovery({ key: p.key, record, clock: p.clock, random: p.random, crypto: pureCrypto, codec: tlSessionCodec });
    const forged = (body: Uint8Array) =>
      encryptMessage(p.key, 'server', { salt: p.client.serverSalt, sessionId: record.sessionId, msgId: (record.msgId | 1n) + 4n, seqNo: 1, body }, p.random, pureCrypto);
    // An rpc_result too short to name a request is skipped; one for the recorded msg_id whose
    // result is a constructor nobody knows is the method's (unreadable) answer.
    expect(recovery.receive(forged(new Uint8Array([0x01, 0x6d, 0x5c, 0xf3, 0, 0])))).toBeUndefined();
    const garbage = new Uint8Array([0xef, 0xbe, 0xad, 0xde, 1, 2, 3, 4]);
    expect(recovery.receive(forged(packRpcResult(record.msgId, garbage)))).toEqual({ state: 'unknown', why: 'answer.undecodable' });
  });

  it('a session the server forgot: unknown, nothing run', async () => {
    const { p, runs } = countingPair('recover-forgotten');
    const records = recordAll(p, ['help.getNearestDc']);
    p.client.invoke({ _: 'help.getNearestDc' });
    await sendRecorded(p);
    await p.pump();
    p.server.keys.get(p.authKeyId)!.sessions.clear();
    expect(await recover(p, records[0]!)).toMatchObject({ state: 'unknown' });
    expect(runs.get('help.getNearestDc')).toBe(1);
  });

  it('an answer the server no longer keeps (past its time): unknown', async () => {
    const { p } = countingPair('recover-expired');
    const records = recordAll(p, ['help.getNearestDc']);
    p.client.invoke({ _: 'help.getNearestDc' });
    await sendRecorded(p);
    await p.pump();
    p.clock.advance(301_000);
    expect(await recover(p, records[0]!)).toMatchObject({ state: 'unknown' });
  });

  it('a record that fails holds the call: it is never sent', async () => {
    const { p, runs } = countingPair('record-refused');
    const recorder = { methods: new Set(['help.getNearestDc']), record: async () => false };
    p.client.invoke({ _: 'help.getNearestDc' });
    holdForRecord(p.client, recorder, DC, p.clock, () => undefined);
    await Promise.resolve();
    p.flushClient();
    expect(p.toServer).toHaveLength(0);
    expect(runs.get('help.getNearestDc')).toBeUndefined();
  });
});
