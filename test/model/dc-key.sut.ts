/**
 * The system under test of the key-lifecycle model: the real transport (createTransportRpc, with or
 * without PFS) on the in-process simulator, over memory pipes with the real codecs and one
 * ManualClock. Between the two sits a small network of our own (the "wire"), which is where the
 * faults of a real network live: handshake messages lost (`silent`), handshake answers corrupted
 * (`corrupt`: a wrong nonce) or unreadable (`garble`), encrypted answers held back (`hold`) until
 * released, and one connection cut without touching the others. The simulator supplies the rest:
 * dropping every connection, forgetting keys.
 */
import { Observable, type Subscriber } from 'rxjs';
import { nodeCrypto } from '../../src/adapters/crypto/index.js';
import { authKeyId } from '../../src/crypto/index.js';
import {
  createTransportRpc,
  memoryKeyStore,
  resolveDcs,
  type DcKeyStore,
  type TransportRpc,
} from '../../src/machines/index.js';
import {
  createDialCodec,
  framedDuplex,
  memoryPipe,
  type ByteStream,
  type DcConnection,
  type Dial,
  type Duplex,
} from '../../src/transport/index.js';
import { fixedRandom } from '../helpers/fixed-random.js';
import { API, type World } from '../integration/sim-world.js';
import type { CoverageRecorder } from './coverage.js';

/** Faults of the network between the transport and the simulator. */
export interface WireFaults {
  /** Unencrypted (key exchange) messages from the client are lost: the server never answers them. */
  silent: boolean;
  /** Unencrypted answers carry a wrong nonce: the client's exchange step rejects them. */
  corrupt: boolean;
  /** Unencrypted answers arrive as bytes that are no plain message at all. */
  garble: boolean;
  /** Encrypted answers are held back until `release()`. */
  hold: boolean;
  /** The next connection attempt is refused. */
  refuse: boolean;
}

interface Wire {
  duplex: Duplex;
  server: ByteStream;
  open: boolean;
  held: Uint8Array[];
  deliver?: Subscriber<Uint8Array>;
}

export const DC = 1;
export const HANDSHAKE_TIMEOUT_MS = 20_000;
/** Constant backoff: one `redial()` step brings every waiting connection back. */
export const BACKOFF_MS = 1_000;
export const TEMP_KEY_TTL_S = 86_400;
/** How long a connection holds acknowledgements back when it has nothing else to send (DcConnection). */
export const ACK_DELAY_MS = 1_000;

const isPlain = (p: Uint8Array): boolean => p.length >= 8 && p.subarray(0, 8).every((b) => b === 0);
const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const turn = (): Promise<void> => new Promise((resolve) => globalThis.setTimeout(resolve, 0));

export interface RigOptions {
  pfs: boolean;
  /** Start with a permanent key in the store that the server knows. */
  stored: boolean;
}

let seq = 0;

/** One transport on `world`, inspected by `recorder`, dialing through a faultable wire. */
export class DcKeyRig {
  readonly faults: WireFaults = { silent: false, corrupt: false, garble: false, hold: false, refuse: false };
  readonly keys: DcKeyStore = memoryKeyStore();
  readonly rpc: TransportRpc;
  /** Every connection dialed so far. */
  readonly wires: Wire[] = [];
  /** Each call made, with how it ended. */
  readonly calls: { settled: 'no' | 'ok' | 'error'; error?: unknown }[] = [];
  private readonly executed = new Map<string, number>();
  /** Connection attempts, refused ones included. */
  private dialAttempts = 0;
  private readonly stopListening: () => void;

  constructor(
    readonly world: World,
    recorder: CoverageRecorder,
    options: RigOptions,
  ) {
    const n = seq++;
    const resolved = resolveDcs(world.config);
    world.sim.faults.clear();
    if (options.stored) this.keys.setAuthKey(DC, this.serverKnownKey(n));
    this.stopListening = world.sim.onCall(({ method }) =>
      this.executed.set(method, (this.executed.get(method) ?? 0) + 1),
    );
    this.rpc = createTransportRpc({
      dcs: resolved.addresses,
      rsaKeys: resolved.rsaKeys,
      dial: this.dial,
      clock: world.clock,
      apiId: API.apiId,
      keys: this.keys,
      random: fixedRandom(`model-dc-key-${n}`),
      crypto: nodeCrypto,
      inspect: recorder.inspect,
      pingIntervalMs: 0,
      handshakeTimeoutMs: HANDSHAKE_TIMEOUT_MS,
      backoff: { initialMs: BACKOFF_MS, maxMs: BACKOFF_MS },
      pfs: options.pfs ? { tempKeyTtlSeconds: TEMP_KEY_TTL_S } : false,
    });
  }

  /** A permanent key registered on the simulator as if an earlier run had made it. */
  private serverKnownKey(n: number) {
    const key = fixedRandom(`model-dc-key-stored-${n}`).bytes(256);
    const id = authKeyId(key, nodeCrypto);
    const long = new DataView(id.buffer, id.byteOffset, 8).getBigUint64(0, true);
    this.world.sim.state.keys.add({
      id: long,
      dcId: DC,
      key,
      kind: 'perm',
      createdAt: this.world.sim.state.now(),
    });
    return { key, serverSalt: 0n };
  }

  private readonly dial: Dial = (dc) => {
    this.dialAttempts++;
    if (this.faults.refuse) {
      this.faults.refuse = false;
      throw new Error('connection refused (model wire)');
    }
    const [client, server] = memoryPipe();
    this.world.sim.acceptStream(dc.dcId, server);
    const inner = framedDuplex(client, createDialCodec(dc, {}));
    const wire: Wire = { duplex: undefined as unknown as Duplex, server, open: true, held: [] };
    const faults = this.faults;
    const frames$ = new Observable<Uint8Array>((subscriber) => {
      wire.deliver = subscriber;
      return inner.frames$.subscribe({
        next(payload) {
          if (isPlain(payload)) {
            if (faults.garble) return subscriber.next(new Uint8Array(24));
            if (faults.corrupt) {
              const bad = payload.slice();
              bad[24]! ^= 0xff; // the first nonce byte of resPQ / server_DH_params / dh_gen_*
              return subscriber.next(bad);
            }
            return subscriber.next(payload);
          }
          if (faults.hold) return void wire.held.push(payload);
          subscriber.next(payload);
        },
        error: (e: unknown) => {
          wire.open = false;
          subscriber.error(e);
        },
        complete: () => {
          wire.open = false;
          subscriber.complete();
        },
      });
    });
    wire.duplex = {
      frames$,
      send: (payload) => {
        if (faults.silent && isPlain(payload)) return;
        inner.send(payload);
      },
      close: () => {
        wire.open = false;
        inner.close();
      },
    };
    this.wires.push(wire);
    return wire.duplex;
  };

  get link() {
    return this.rpc.link(DC);
  }

  get actor() {
    return this.rpc.keyActor(DC);
  }

  /** The key machine's state as a dotted path ('disconnected' before the link exists). */
  state(): string {
    const a = this.actor;
    if (!a) return 'disconnected';
    const flat = (v: unknown): string =>
      typeof v === 'string'
        ? v
        : Object.entries(v as Record<string, unknown>).map(([k, s]) => `${k}.${flat(s)}`)[0]!;
    return flat(a.getSnapshot().value);
  }

  context() {
    return this.actor?.getSnapshot().context;
  }

  /** How often the simulator ran `method` (a re-sent request answered from its cache is not counted). */
  executions(method: string): number {
    return this.executed.get(method) ?? 0;
  }

  /** One call on the DC; its outcome lands in `calls`. */
  call(): void {
    const entry: DcKeyRig['calls'][number] = { settled: 'no' };
    this.calls.push(entry);
    this.rpc.invoke(DC, { _: 'help.getNearestDc' }).subscribe({
      next: () => (entry.settled = 'ok'),
      error: (error: unknown) => Object.assign(entry, { settled: 'error', error }),
    });
  }

  /** The wire of the connection new calls go to. */
  private currentWire(): Wire | undefined {
    const current = this.link?.current as unknown as { duplex?: Duplex } | undefined;
    return this.wires.find((w) => w.open && w.duplex === current?.duplex);
  }

  /** Cuts connections as the server would (it closes its end): every one, the current one, or all others. */
  cut(which: 'all' | 'current' | 'others'): number {
    const current = this.currentWire();
    const chosen = this.wires.filter(
      (w) => w.open && (which === 'all' || (which === 'current') === (w === current)),
    );
    for (const w of chosen) {
      w.open = false;
      w.held = [];
      w.server.close();
    }
    return chosen.length;
  }

  /** Delivers the encrypted answers held back so far (what arrives later is held again while `hold`). */
  release(): void {
    for (const w of this.wires) {
      const held = w.held.splice(0);
      if (w.open) for (const p of held) w.deliver?.next(p);
    }
  }

  /** Every wire fault off; what was held is delivered. */
  heal(): void {
    Object.assign(this.faults, { silent: false, corrupt: false, garble: false, hold: false, refuse: false });
    this.release();
  }

  /** Runs turns until the key machine, the wires and the calls stay the same for `stable` turns. */
  async settle(stable = 4, maxTurns = 2_000): Promise<void> {
    let last = '';
    let same = 0;
    for (let i = 0; i < maxTurns; i++) {
      await turn();
      const key = JSON.stringify([
        this.state(),
        this.context()?.tempKeyId,
        this.context()?.authKeyId,
        this.wires.length,
        this.wires.map((w) => w.open),
        this.calls.map((c) => c.settled),
        this.world.clock.pending,
      ]);
      same = key === last ? same + 1 : 0;
      last = key;
      if (same >= stable) return;
    }
    throw new TypeError(`the transport never settled; last ${last}`);
  }

  /** Advances the clock in backoff steps until a connection tries to dial again (bounded). */
  async redial(): Promise<void> {
    const before = this.dialAttempts;
    for (let i = 0; i < 3 && this.dialAttempts === before; i++) {
      this.world.clock.advance(BACKOFF_MS);
      await this.settle();
    }
    if (this.dialAttempts === before) throw new TypeError('no connection dialed again');
  }

  /** The auth_key_id (hex, wire order) of a simulator key id. */
  static keyHex(id: bigint): string {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, id), true);
    return hex(b);
  }

  /** The simulator's record of the key with hex id `hexId`, if it still has it. */
  simKey(hexId: string | undefined) {
    return hexId === undefined
      ? undefined
      : this.world.sim.state.keys.list(DC).find((k) => DcKeyRig.keyHex(k.id) === hexId);
  }

  stop(): void {
    this.stopListening();
    this.rpc.close();
  }
}

export type { DcConnection };
