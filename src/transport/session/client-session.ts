/**
 * The client half of an MTProto 2.0 encrypted session (core.telegram.org/mtproto/description), sans-IO: `invoke` queues a
 * request, `flush` returns the next packet to write, `receive` takes a packet read and returns what
 * it resolved. The session survives connections: after `connectionLost`, unanswered requests go out
 * again on the next connection with the same msg_id and seq_no while that id is still inside the
 * server's window, so the server answers the duplicate from its cache instead of running it twice.
 *
 * Every received message passes the checks of core.telegram.org/mtproto/security_guidelines items 8–11 (decryptMessage, then session id,
 * msg_id parity, replay window, time window once synced); a failure drops it, counts it in
 * `metrics`, and never reaches a caller.
 */
import type { CryptoProvider, Random } from '../../crypto/index.js';
import type { Clock } from '../clock.js';
import { TransportError } from '../errors.js';
import type { TgauthError } from '../../crypto/index.js';
import { isContainer, packContainer, unpackContainer, type InnerMessage } from './container.js';
import { decryptMessage, encryptMessage, type DropReason, type SessionKey } from './message-crypto.js';
import { isMsgIdInWindow, msgIdSeconds, MsgIdGenerator } from './msg-id.js';
import { RecentMsgIds } from './recent-msg-ids.js';
import { decodeResult, isRpcResult, readRpcResult } from './rpc-result.js';
import type { SessionCodec, TlLike } from './session-codec.js';
import { countDrop, newMetrics, type SessionMetrics } from './session-metrics.js';
import { isContentRelated, SeqNo } from './seq-no.js';
import { readLong, readUint } from './wire.js';
import { handleServiceMessage } from './client-service.js';
import type { ClientEvent, PendingRequest, ServiceHost } from './client-types.js';

export type { ClientEvent, PendingRequest } from './client-types.js';
import { isServiceMethod } from './init-connection.js';

export interface ClientSessionOptions {
  key: SessionKey;
  serverSalt: bigint;
  clock: Clock;
  random: Random;
  crypto: CryptoProvider;
  codec: SessionCodec;
  /** Wraps the first request of the session, e.g. `initConnectionWrapper(params)` (core.telegram.org/api/invoking). */
  wrapFirst?: (request: TlLike) => TlLike;
  /** How many times one request may be re-sent after bad_server_salt / bad_msg_notification. */
  maxResends?: number;
  /**
   * server_time minus local time (seconds) learned in the key exchange (§C.6.6): the session starts
   * synced, so the msg_id time window is enforced from the first encrypted message.
   */
  timeOffset?: number;
}

/** Re-use a msg_id only while it is comfortably younger than the server's 300 s limit. */
export const REUSE_WINDOW_SECONDS = 240;
const MAX_PACKET_MESSAGES = 1000;
const MAX_PACKET_BYTES = 512 * 1024;
const MAX_ACKS = 8192;
const SENT_MEMORY = 8192;

export class ClientSession implements ServiceHost {
  readonly metrics: SessionMetrics = newMetrics();
  readonly msgIds: MsgIdGenerator;
  sessionId: bigint;
  serverSalt: bigint;
  /** True once the server's time is known (the key exchange, a 16/17 correction or an answer inside the window). */
  synced = false;
  /** Why the last packet was dropped whole (a failed decryption or session check), if it was. */
  lastDrop: DropReason | undefined;
  /** bad_msg_notification 16/17 in a row with no answer between them (a new session after 3). */
  timeFixes = 0;
  /** A local clock step was seen: adopt the time of the next authentic server message. */
  private resync = false;
  /** Salts from get_future_salts, adopted when their validity starts. */
  futureSalts: { validSince: number; validUntil: number; salt: bigint }[] = [];

  /** @internal */ readonly requests = new Map<number, PendingRequest>();
  /** @internal */ readonly byMsgId = new Map<bigint, PendingRequest>();
  /** @internal */ readonly service: { body: Uint8Array; contentRelated: boolean }[] = [];
  /** @internal */ pendingAcks: bigint[] = [];
  /** @internal */ recent = new RecentMsgIds(1024);
  /** @internal msg_ids we sent recently -> the request msg_ids each carried (for bad_msg checks). */
  readonly sent = new Map<bigint, bigint[]>();
  /** @internal */ readonly seq = new SeqNo();
  private nextId = 1;
  private initSent = false;

  constructor(readonly options: ClientSessionOptions) {
    this.msgIds = new MsgIdGenerator(options.clock);
    this.sessionId = readLong(options.random.bytes(8), 0);
    this.serverSalt = options.serverSalt;
    if (options.timeOffset !== undefined) {
      this.msgIds.timeOffset = options.timeOffset;
      this.synced = true;
    }
  }

  /** Queues `request`; returns the id that its `result`/`error` event will carry. */
  invoke(request: TlLike, internal = false): number {
    let wire = request;
    const wrapped = !internal && !this.initSent && this.options.wrapFirst !== undefined && !isServiceMethod(request._);
    if (wrapped) {
      wire = this.options.wrapFirst!(request);
      this.initSent = true;
    }
    const id = this.nextId++;
    this.requests.set(id, {
      id,
      method: request._,
      body: this.options.codec.serialize(wire),
      msgId: undefined,
      seqNo: 0,
      state: 'queued',
      reuseId: false,
      internal,
      wrapped,
      resends: 0,
    });
    return id;
  }

  /**
   * Stops waiting for request `id`. A request already sent is dropped on the server with
   * rpc_drop_answer#58e4a740 req_msg_id:long (its answer, if any, is acknowledged and discarded).
   */
  cancel(id: number): void {
    const r = this.requests.get(id);
    if (!r) return;
    this.requests.delete(id);
    if (r.msgId !== undefined) this.byMsgId.delete(r.msgId);
    if (r.state === 'queued' && r.wrapped && r.msgId === undefined) this.initSent = false;
    if (r.state === 'sent' && r.msgId !== undefined) this.invoke({ _: 'rpc_drop_answer', reqMsgId: r.msgId }, true);
  }

  /** Queues ping_delay_disconnect#f3427b8c ping_id:long disconnect_delay:int (keepalive, core.telegram.org/mtproto/service_messages). */
  ping(disconnectDelaySeconds: number): void {
    const pingId = readLong(this.options.random.bytes(8), 0);
    this.invoke({ _: 'ping_delay_disconnect', pingId, disconnectDelay: disconnectDelaySeconds }, true);
  }

  /** True when requests or service messages wait to be sent (acks alone do not count). */
  hasOutgoing(): boolean {
    if (this.service.length > 0) return true;
    for (const r of this.requests.values()) if (r.state === 'queued') return true;
    return false;
  }

  /** Number of content-related server messages not acknowledged yet. */
  get pendingAckCount(): number {
    return this.pendingAcks.length;
  }

  /** Number of requests awaiting an answer (queued or sent). */
  get pendingCount(): number {
    return this.requests.size;
  }

  /** The connection dropped: every sent, unanswered request goes out again on the next one. */
  connectionLost(): void {
    for (const r of this.requests.values()) {
      if (r.state !== 'sent') continue;
      r.state = 'queued';
      r.reuseId = true;
      this.metrics.resent++;
    }
  }

  /**
   * The next packet to write, or `undefined` when nothing waits. Queued requests, service answers
   * and pending acks share one container (acks piggy-back on requests, core.telegram.org/mtproto/service_messages "Acknowledgment of Receipt").
   */
  flush(): Uint8Array | undefined {
    this.adoptFutureSalt();
    const msgs: InnerMessage[] = [];
    const carried: bigint[] = [];
    let bytes = 0;
    const now = this.msgIds.serverNow();
    for (const r of this.requests.values()) {
      if (r.state !== 'queued') continue;
      if (msgs.length >= MAX_PACKET_MESSAGES || bytes >= MAX_PACKET_BYTES) break;
      const reuse = r.reuseId && r.msgId !== undefined && now - msgIdSeconds(r.msgId) < REUSE_WINDOW_SECONDS;
      if (!reuse) {
        if (r.msgId !== undefined) this.byMsgId.delete(r.msgId);
        r.msgId = this.msgIds.next();
        r.seqNo = this.seq.next(true);
        this.byMsgId.set(r.msgId, r);
      }
      r.reuseId = false;
      r.state = 'sent';
      msgs.push({ msgId: r.msgId!, seqNo: r.seqNo, body: r.body });
      carried.push(r.msgId!);
      this.remember(r.msgId!, [r.msgId!]);
      bytes += r.body.length;
    }
    while (this.service.length > 0 && msgs.length < MAX_PACKET_MESSAGES) {
      const s = this.service.shift()!;
      const msgId = this.msgIds.next();
      msgs.push({ msgId, seqNo: this.seq.next(s.contentRelated), body: s.body });
      this.remember(msgId, []);
    }
    if (this.pendingAcks.length > 0 && msgs.length < MAX_PACKET_MESSAGES) {
      const ids = this.pendingAcks.splice(0, MAX_ACKS);
      const msgId = this.msgIds.next();
      // msgs_ack#62d6b459 msg_ids:Vector<long> = MsgsAck; never content-related (core.telegram.org/mtproto/description "Message Sequence Number (msg_seqno)").
      msgs.push({ msgId, seqNo: this.seq.next(false), body: this.options.codec.serialize({ _: 'msgs_ack', msgIds: ids }) });
      this.remember(msgId, []);
    }
    if (msgs.length === 0) return undefined;
    let outer: InnerMessage;
    if (msgs.length === 1) outer = msgs[0]!;
    else {
      const msgId = this.msgIds.next();
      outer = { msgId, seqNo: this.seq.next(false), body: packContainer(msgs) };
      this.remember(msgId, carried);
    }
    this.metrics.sent++;
    const { key, random, crypto } = this.options;
    return encryptMessage(key, 'client', { salt: this.serverSalt, sessionId: this.sessionId, ...outer }, random, crypto);
  }

  /** Decrypts and checks one packet from the server; returns the events it produced. */
  receive(payload: Uint8Array): ClientEvent[] {
    const events: ClientEvent[] = [];
    const res = decryptMessage(this.options.key, 'server', payload, this.options.crypto);
    if (!res.ok) return this.drop(res.reason, events);
    const m = res.message;
    if (m.sessionId !== this.sessionId) return this.drop('sessionId', events);
    const bad = this.checkMsgId(m.msgId, m.body);
    if (bad && bad !== 'notice') return this.drop(bad, events);
    this.recent.add(m.msgId);
    if (this.resync) {
      // Authentic (it decrypted under our key and names our session) and not a replay: its msg_id
      // carries the server's time, as a 16/17 notification's would.
      this.resync = false;
      this.msgIds.correctFrom(m.msgId);
      this.synced = true;
    }
    if (isContainer(m.body)) {
      const inner = unpackContainer(m.body, m.msgId);
      if (!inner) return this.drop('container', events);
      for (const msg of inner) {
        // Outside the time window, only the notices about our own messages are read (core.telegram.org/mtproto/security_guidelines item 11).
        if (bad === 'notice' && !this.isNoticeAboutOurs(msg.body)) {
          countDrop(this.metrics, 'msgIdTime');
          continue;
        }
        const innerBad = (msg.msgId & 1n) !== 1n ? 'msgIdParity' : this.recent.check(msg.msgId) !== 'ok' ? 'msgIdDuplicate' : undefined;
        if (innerBad) {
          countDrop(this.metrics, innerBad);
          continue;
        }
        this.recent.add(msg.msgId);
        this.handle(msg, events);
      }
    } else this.handle(m, events);
    this.metrics.received++;
    return events;
  }

  /** @internal Puts requests back in the queue under fresh msg_ids, failing those re-sent too often. */
  requeue(requests: Iterable<PendingRequest>, events: ClientEvent[], code: number): void {
    const max = this.options.maxResends ?? 5;
    for (const r of requests) {
      r.resends++;
      this.metrics.resent++;
      if (r.resends > max) {
        this.fail(r, new TransportError(code, `request re-sent ${max} times without success`), events);
        continue;
      }
      r.state = 'queued';
      r.reuseId = false;
    }
  }

  /** @internal The pending requests a sent message (lone or container) carried. */
  carried(msgId: bigint): PendingRequest[] {
    const out: PendingRequest[] = [];
    for (const id of this.sent.get(msgId) ?? []) {
      const r = this.byMsgId.get(id);
      if (r && r.state === 'sent') out.push(r);
    }
    return out;
  }

  /** @internal Resolves a request with an answer. */
  settle(r: PendingRequest, events: ClientEvent[], value: () => ClientEvent): void {
    this.requests.delete(r.id);
    if (r.msgId !== undefined) this.byMsgId.delete(r.msgId);
    if (!r.internal) events.push(value());
  }

  /** @internal Fails a request. */
  fail(r: PendingRequest, error: TgauthError, events: ClientEvent[]): void {
    this.settle(r, events, () => ({ type: 'error', id: r.id, error }));
  }

  /** @internal Starts a new session (after bad_msg_notification 32/33): new id, seq_no from zero. */
  resetSession(events: ClientEvent[]): void {
    this.timeFixes = 0;
    this.sessionId = readLong(this.options.random.bytes(8), 0);
    this.seq.reset();
    this.recent = new RecentMsgIds(1024);
    this.pendingAcks = [];
    this.requeue([...this.requests.values()].filter((r) => r.state === 'sent'), events, 32);
  }

  private handle(msg: InnerMessage, events: ClientEvent[]): void {
    if (isContentRelated(msg.seqNo)) this.pendingAcks.push(msg.msgId);
    if (isRpcResult(msg.body)) {
      const { reqMsgId, result } = readRpcResult(msg.body);
      const r = this.byMsgId.get(reqMsgId);
      // A late answer to a cancelled or already answered request: acknowledged above, ignored.
      if (!r || r.state !== 'sent') return;
      if (!this.synced && isMsgIdInWindow(msg.msgId, this.msgIds.serverNow())) this.synced = true;
      this.timeFixes = 0;
      if (r.internal) return this.settle(r, events, () => ({ type: 'result', id: r.id, value: undefined }));
      try {
        const out = decodeResult(this.options.codec, r.method, result);
        this.settle(r, events, () =>
          out.ok ? { type: 'result', id: r.id, value: out.value } : { type: 'error', id: r.id, error: out.error },
        );
      } catch (error) {
        this.fail(r, error as TgauthError, events);
      }
      return;
    }
    let obj: TlLike;
    try {
      obj = this.options.codec.deserialize(msg.body);
    } catch {
      countDrop(this.metrics, 'decode');
      return;
    }
    if (!handleServiceMessage(this, msg, obj, events)) events.push({ type: 'update', update: obj });
  }

  /** core.telegram.org/mtproto/security_guidelines item 11: parity, replay window, and (once synced) the time window. */
  private checkMsgId(msgId: bigint, body: Uint8Array): DropReason | 'notice' | undefined {
    if ((msgId & 1n) !== 1n) return 'msgIdParity';
    const verdict = this.recent.check(msgId);
    if (verdict === 'duplicate') return 'msgIdDuplicate';
    if (verdict === 'tooLow') return 'msgIdTooLow';
    const now = this.synced ? this.msgIds.serverNow() : 0;
    if (this.msgIds.stepped) {
      // Our wall clock stepped (the generator noticed): re-sync from this message if it is authentic.
      this.msgIds.stepped = false;
      this.resync = true;
    }
    if (this.synced && !this.resync && !isMsgIdInWindow(msgId, now)) {
      // Exception: a notification about bad time or salt that names a message we really sent (also
      // inside a container, where a server puts it with its acks; then only it is read).
      if (this.isNoticeAboutOurs(body)) return undefined;
      if (isContainer(body) && unpackContainer(body, msgId)?.some((msg) => this.isNoticeAboutOurs(msg.body))) return 'notice';
      return 'msgIdTime';
    }
    return undefined;
  }

  /** bad_msg_notification or bad_server_salt naming a message we really sent. */
  private isNoticeAboutOurs(body: Uint8Array): boolean {
    const head = body.length >= 12 ? readUint(body, 0) : 0;
    return (head === 0xa7eff811 || head === 0xedab447b) && this.sent.has(readLong(body, 4));
  }

  private drop(reason: DropReason, events: ClientEvent[]): ClientEvent[] {
    countDrop(this.metrics, reason);
    this.lastDrop = reason;
    return events;
  }

  private remember(msgId: bigint, carried: bigint[]): void {
    this.sent.set(msgId, carried);
    if (this.sent.size > SENT_MEMORY) this.sent.delete(this.sent.keys().next().value!);
  }

  private adoptFutureSalt(): void {
    const now = this.msgIds.serverNow();
    while (this.futureSalts.length > 0 && this.futureSalts[0]!.validUntil <= now) this.futureSalts.shift();
    const next = this.futureSalts[0];
    if (next && next.validSince <= now) this.serverSalt = next.salt;
  }
}
