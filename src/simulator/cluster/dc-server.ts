/**
 * One DC of the cluster (docs/ARCHITECTURE.md "The simulator"): every accepted connection carries unencrypted key-exchange
 * messages (answered by the DC's `HandshakeServer`, new keys registered in the shared `KeyStore`) and
 * encrypted messages (the server session handler, which calls the dispatcher through the call
 * bridge). Keys are looked up in `state.keys` on every packet, so a temp key that expired or was
 * dropped gets -404 even though the session layer still caches its state.
 */
import type { ConnectionGuard } from './connection-limits.js';
import type { CryptoProvider, Random, RsaPrivateKey } from '../../crypto/index.js';
import {
  HandshakeServer,
  MsgIdGenerator,
  ServerSessionHandler,
  TransportError,
  isPlainMessage,
  transportErrorPayload,
  tlSessionCodec,
  type Clock,
  type Duplex,
  type ServerExchangedKey,
} from '../../transport/index.js';
import { u64 } from '../state/auth-keys.js';
import type { SimState } from '../state/sim-state.js';
import { callBridge } from './call-bridge.js';
import type { Faults } from './faults.js';
import { answerPlainMessage } from './plain-handshake.js';

/** What a DC needs from the cluster. */
export interface DcServerOptions {
  dcId: number;
  state: SimState;
  /** Real time for msg_id windows and timers; `state.clock` may run ahead of it (control API). */
  clock: Clock;
  random: Random;
  crypto: CryptoProvider;
  rsaKey: RsaPrivateKey;
  faults: Faults;
  /** Key exchanges held at once (the handshake server's default when absent). */
  maxPendingExchanges?: number | undefined;
}

const readU64 = (b: Uint8Array): bigint => new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true);

/** The server side of one DC. */
export class DcServer {
  readonly dcId: number;
  readonly handshake: HandshakeServer;
  readonly sessions: ServerSessionHandler;
  /** Live connections and how to close each. */
  private readonly live = new Map<Duplex, () => void>();
  private readonly salts = new Map<bigint, bigint>();
  private readonly msgIds: MsgIdGenerator;

  constructor(private readonly options: DcServerOptions) {
    const { dcId, state, clock, random, crypto } = options;
    this.dcId = dcId;
    // Follows its clock back: after a step, its 16/17 notifications must tell clients the new time.
    this.msgIds = new MsgIdGenerator(clock, { authority: true });
    this.handshake = new HandshakeServer({
      dcId,
      keys: [options.rsaKey],
      random,
      crypto,
      now: () => clock.now(),
      ...(options.maxPendingExchanges === undefined ? {} : { maxPending: options.maxPendingExchanges }),
      nextDhPair: () => state.dhPool?.take(),
      // core.telegram.org/mtproto/auth_key: a key id that is already taken gets dh_gen_retry.
      admitKey: ({ authKeyId }) => (state.keys.get(readU64(authKeyId)) ? 'retry' : 'ok'),
    });
    this.sessions = new ServerSessionHandler({
      lookupKey: (id) => {
        const rec = state.keys.get(id);
        return rec && rec.dcId === dcId
          ? { key: rec.key, serverSalt: this.salts.get(rec.id) ?? 0n }
          : undefined;
      },
      handle: callBridge(dcId, state, options.faults, clock),
      clock,
      random,
      crypto,
      codec: tlSessionCodec,
      onNotice: (notice) => {
        for (const listener of state.noticeListeners) listener({ dcId, ...notice });
      },
    });
  }

  /** Serves one payload-level connection until either side closes it. Bad input closes it; nothing throws. */
  accept(duplex: Duplex, guard?: ConnectionGuard): void {
    let closed = false;
    let keyed = guard === undefined;
    const close = (): void => {
      if (closed) return;
      closed = true;
      this.live.delete(duplex);
      conn.close();
      duplex.close();
      this.options.state.notify('keys');
    };
    const { dhPool } = this.options.state;
    const send = (payload: Uint8Array): void => {
      dhPool?.noteTraffic();
      try {
        if (!closed) duplex.send(payload);
      } catch {
        close();
      }
    };
    const conn = this.sessions.connect(send, close);
    this.live.set(duplex, close);
    this.options.state.notify('keys');
    duplex.frames$.subscribe({
      next: (payload) => {
        if (closed) return;
        dhPool?.noteTraffic();
        if (!keyed && !isPlainMessage(payload)) {
          keyed = true;
          guard!.keyed();
        }
        try {
          this.onPayload(payload, send, conn.receive);
        } catch {
          close();
        }
      },
      error: close,
      complete: close,
    });
  }

  private onPayload(
    payload: Uint8Array,
    send: (p: Uint8Array) => void,
    receive: (p: Uint8Array) => Promise<void>,
  ): void {
    if (isPlainMessage(payload)) {
      try {
        const { payload: answer, key } = answerPlainMessage(this.handshake, this.msgIds, payload);
        if (key) this.register(key);
        send(answer);
      } catch (error) {
        send(transportErrorPayload(error instanceof TransportError && error.code < 0 ? error.code : -404));
        throw error;
      }
      return;
    }
    // The black-hole fault: the key exchange is answered, then nothing ever is (a half-open path).
    if (this.options.faults.blackHole) return;
    if (payload.length >= 8) {
      // Forget the session layer's copy of a key the store no longer has (expired or dropped): -404.
      const id = readU64(payload);
      if (!this.options.state.keys.get(id)) this.sessions.keys.delete(BigInt.asIntN(64, id));
    }
    receive(payload).catch(() => undefined);
  }

  /** Stores a key agreed by the handshake; a temp key's expiry is moved onto the simulator's clock. */
  private register(key: ServerExchangedKey): void {
    const { state, clock } = this.options;
    const id = readU64(key.authKeyId);
    const expiresAt = key.temp ? key.temp.expiresAt * 1000 + (state.now() - clock.now()) : undefined;
    state.keys.add({
      id,
      dcId: this.dcId,
      key: key.authKey,
      kind: key.temp ? 'temp' : 'perm',
      createdAt: state.now(),
      expiresAt,
    });
    this.salts.set(id, key.serverSalt);
    state.notify('keys');
  }

  /** Pushes updates to every session of `authKeyId` and of the temp key bound to it. */
  pushUpdate(authKeyId: bigint, updates: { _: string }): void {
    const rec = this.options.state.keys.get(authKeyId);
    for (const id of [authKeyId, rec?.boundTempId, rec?.boundPermId]) {
      if (id !== undefined) this.sessions.pushUpdate(BigInt.asIntN(64, u64(id)), updates);
    }
  }

  /** Closes every live connection; returns how many. */
  dropConnections(): number {
    const all = [...this.live.values()];
    for (const close of all) close();
    return all.length;
  }

  get connectionCount(): number {
    return this.live.size;
  }
}
