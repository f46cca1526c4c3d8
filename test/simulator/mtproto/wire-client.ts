/**
 * A test client that talks to the simulator only through real MTProto: a memory pipe (or any
 * ByteStream) framed by the real client codec (optionally obfuscated2), the handshake client steps
 * over unencrypted messages, then a `ClientSession` (MTProto 2.0) carrying initConnection/invokeWithLayer.
 */
import {
  SIMULATOR_RSA_PUBLIC_KEY_PEM,
  parseRsaPublicKey,
  type CryptoProvider,
  type Random,
} from '../../../src/crypto/index.js';
import { LAYER, deserializeObject, serializeObject, type TlAny } from '../../../src/tl/index.js';
import {
  ClientSession,
  MsgIdGenerator,
  RpcError,
  TransportError,
  createClientCodec,
  framedDuplex,
  initConnectionWrapper,
  memoryPipe,
  onDhGenAnswer,
  onResPq,
  onServerDhParams,
  sessionKey,
  startExchange,
  tlSessionCodec,
  unwrapPlainMessage,
  wrapPlainMessage,
  type ByteStream,
  type Clock,
  type CodecKind,
  type DhGenAnswer,
  type FramedDuplex,
  type ResPq,
  type ServerDhParamsOk,
  type SessionCodec,
  type TlLike,
} from '../../../src/transport/index.js';
import type { Simulator } from '../../../src/simulator/index.js';
import { FrameQueue } from './frame-queue.js';

export const simPublicKey = parseRsaPublicKey(SIMULATOR_RSA_PUBLIC_KEY_PEM);
export const API = { apiId: 12345, apiHash: '0123456789abcdef0123456789abcdef' };

/** How to connect. */
export interface WireOptions {
  dcId: number;
  clock: Clock;
  random: Random;
  crypto: CryptoProvider;
  /** Make a temporary key living this many seconds. */
  tempExpiresIn?: number;
  /** invokeWithLayer value of the first request (default: the pinned LAYER). */
  layer?: number;
  codec?: CodecKind;
  obfuscated?: boolean;
  /** Opens the raw connection (default: a memory pipe whose far end the simulator accepts). */
  open?: () => ByteStream;
  /** Session codec (tests wrap it to look at raw result bytes). */
  sessionCodec?: SessionCodec;
}

/** Connects `sim` through a memory pipe on `dcId`. */
export function pipeTo(sim: Simulator, dcId: number): () => ByteStream {
  return () => {
    const [client, server] = memoryPipe();
    sim.acceptStream(dcId, server);
    return client;
  };
}

/** One client key with its session; reconnects reuse both. */
export class WireClient {
  readonly updates: TlLike[] = [];
  private readonly waiters = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  private duplex!: FramedDuplex;
  session!: ClientSession;
  authKey!: Uint8Array;
  /** auth_key_id as an unsigned 64-bit value (as the simulator lists it). */
  keyId!: bigint;

  private constructor(readonly options: WireOptions) {}

  /** Opens a connection and runs the key exchange, then starts a session on the new key. */
  static async connect(options: WireOptions): Promise<WireClient> {
    const c = new WireClient(options);
    const queue = c.open();
    const key = await c.exchange(queue);
    c.authKey = key.authKey;
    c.keyId = new DataView(key.authKeyId.buffer, key.authKeyId.byteOffset, 8).getBigUint64(0, true);
    c.session = new ClientSession({
      key: sessionKey(key.authKey, options.crypto),
      serverSalt: key.serverSalt,
      clock: options.clock,
      random: options.random,
      crypto: options.crypto,
      codec: options.sessionCodec ?? tlSessionCodec,
      wrapFirst: initConnectionWrapper({
        apiId: API.apiId,
        deviceModel: 'vitest',
        systemVersion: 'node',
        appVersion: '1.0',
        systemLangCode: 'en',
        langCode: 'en',
        layer: options.layer ?? LAYER,
      }),
    });
    queue.onFrame = (p) => c.onFrame(p);
    return c;
  }

  /** Runs `request`; resolves its result, rejects with `RpcError` or `TransportError`. */
  call(request: TlLike): Promise<unknown> {
    return this.send(this.session.invoke(request));
  }

  /** Like `call`, but the request is built knowing the msg_id it will travel under (bindTempAuthKey). */
  callWithMsgId(build: (msgId: bigint) => TlLike): Promise<unknown> {
    const msgId = this.session.msgIds.next();
    const id = this.session.invoke(build(msgId));
    const r = this.session.requests.get(id)!;
    r.msgId = msgId;
    r.seqNo = this.session.seq.next(true);
    r.reuseId = true;
    this.session.byMsgId.set(msgId, r);
    return this.send(id);
  }

  /** Resolves to the rpc_error text `request` fails with (and fails the test if it succeeds). */
  async error(request: TlLike): Promise<string> {
    try {
      await this.call(request);
    } catch (e) {
      if (e instanceof RpcError) return e.text;
      throw e;
    }
    throw new TypeError(`${request._} succeeded`);
  }

  /** A new transport connection for the same key and session. */
  reconnect(): void {
    this.duplex.close();
    this.session.connectionLost();
    this.open().onFrame = (p) => this.onFrame(p);
    this.flush();
  }

  close(): void {
    this.duplex.close();
  }

  get closed(): boolean {
    return this.duplexClosed;
  }

  private duplexClosed = false;

  private send(id: number): Promise<unknown> {
    const p = new Promise<unknown>((resolve, reject) => this.waiters.set(id, { resolve, reject }));
    this.flush();
    return p;
  }

  private open(): FrameQueue {
    const o = this.options;
    const stream = o.open!();
    const dc = { dcId: o.dcId };
    const codec = createClientCodec(o.codec ?? 'intermediate', {
      random: o.random,
      ...(o.obfuscated ? { obfuscated: { crypto: o.crypto, dc } } : {}),
    });
    const duplex = framedDuplex(stream, codec);
    this.duplex = duplex;
    this.duplexClosed = false;
    const queue = new FrameQueue();
    duplex.events$.subscribe({
      next: (e) => {
        if (e.kind === 'frame') queue.push(e.payload);
        else if (e.kind === 'error') this.failAll(e.error, queue);
      },
      error: (err: unknown) => {
        this.duplexClosed = true;
        queue.fail(err);
      },
      complete: () => {
        this.duplexClosed = true;
        queue.fail(new TransportError(0, 'closed'));
      },
    });
    return queue;
  }

  private failAll(error: TransportError, queue: FrameQueue): void {
    queue.fail(error);
    for (const w of this.waiters.values()) w.reject(error);
    this.waiters.clear();
  }

  private flush(): void {
    if (this.duplexClosed) return;
    for (let p = this.session.flush(); p; p = this.session.flush()) this.duplex.send(p);
  }

  private onFrame(payload: Uint8Array): void {
    for (const e of this.session.receive(payload)) {
      if (e.type === 'update') this.updates.push(e.update);
      if (e.type !== 'result' && e.type !== 'error') continue;
      const w = this.waiters.get(e.id);
      this.waiters.delete(e.id);
      if (e.type === 'result') w?.resolve(e.value);
      else w?.reject(e.error);
    }
    if (this.session.hasOutgoing()) queueMicrotask(() => this.flush());
  }

  private async exchange(queue: FrameQueue) {
    const { random, crypto, clock, dcId } = this.options;
    const env = { random, crypto, now: () => clock.now() };
    const ids = new MsgIdGenerator(clock);
    const ask = async <T>(request: TlAny): Promise<T> => {
      this.duplex.send(wrapPlainMessage(ids.next(0), serializeObject(request)));
      return deserializeObject(unwrapPlainMessage(await queue.next()).body) as T;
    };
    const options = {
      dcId,
      ...(this.options.tempExpiresIn ? { temp: { expiresIn: this.options.tempExpiresIn } } : {}),
    };
    const s0 = startExchange(options, env);
    const s1 = onResPq(s0.state, await ask<ResPq>(s0.request), [simPublicKey], env);
    let step = onServerDhParams(s1.state, await ask<ServerDhParamsOk>(s1.request), env);
    for (;;) {
      const outcome = onDhGenAnswer(step.state, await ask<DhGenAnswer>(step.request), env);
      if ('done' in outcome) return outcome.done;
      if ('fail' in outcome) throw new TransportError(-404, 'dh_gen_fail');
      step = outcome.retry;
    }
  }
}
