/**
 * A byte-level fault proxy for the project's own tests: it sits between a client's connection and
 * the simulator's and, per connection, drops it at once, resets it after some bytes, delays and
 * splits chunks (order kept), stalls it for a while, or black-holes it after the server's N-th frame
 * (a half-open path: a NAT that lost the mapping, a hung peer, a middlebox that ACKs). Every choice
 * comes from a seeded random, so a run is reproducible; delays and stalls run on the given clock
 * (the manual clock in memory, real timers over TCP).
 *
 * Fronts: `faultyMemoryDial` (memory pipes, the real codecs) here, `listenFaultProxy` (TCP loopback,
 * which carries WebSocket too: it forwards the HTTP upgrade and the frames as bytes) in
 * fault-proxy-tcp.ts. `stats` counts the faults that really happened, so a test can show its faults bit.
 */
import type { Observable } from 'rxjs';
import {
  createDialCodec,
  framedDuplex,
  memoryPipe,
  type ByteStream,
  type Clock,
  type DialCodecOptions,
  type Dial,
} from '../../src/transport/index.js';
import { mtprotoFrames, type FrameCounter } from './fault-frames.js';
import { fixedRandom } from './fixed-random.js';

/** What can go wrong; fractions are per connection, decided when it opens. */
export interface FaultPlan {
  /** Closed before a byte passes (a refused or dropped connection). */
  drop?: number;
  /** Reset after a random number of bytes (both ways together) below `resetWithinBytes` (default 2048). */
  reset?: number;
  resetWithinBytes?: number;
  /** Each chunk waits a random delay up to this many ms; order is kept. */
  delayMs?: number;
  /** Chunks are cut into random pieces, down to single bytes. */
  split?: boolean;
  /** Nothing passes either way for `stallMs` (default 5,000) once a random byte count is reached. */
  stall?: number;
  stallMs?: number;
  /** Silent after the server's `blackholeAfterFrames`-th frame (default 3: one key exchange's answers). */
  blackhole?: number;
  blackholeAfterFrames?: number;
  /** `down` (default): the client's bytes still reach the server; `both`: nothing passes either way. */
  blackholeMode?: 'down' | 'both';
  /** How server frames are counted (default plain intermediate framing). */
  frames?: () => FrameCounter;
}

/** The faults a connection was given. */
export interface Fate {
  drop: boolean;
  resetAt: number | undefined;
  stallAt: number | undefined;
  blackhole: boolean;
}

/** Faults that actually happened (a fate whose trigger was never reached is not counted). */
export interface FaultStats {
  connections: number;
  dropped: number;
  reset: number;
  stalled: number;
  blackholed: number;
}

/** One side of a proxied connection: a byte stream, optionally with a hard reset (TCP RST). */
export interface ProxyEnd extends ByteStream {
  reset?(): void;
}

/** The proxy: decides fates and links connection ends. */
export class FaultProxy {
  readonly stats: FaultStats = { connections: 0, dropped: 0, reset: 0, stalled: 0, blackholed: 0 };
  private readonly random: () => number;
  private readonly links = new Set<Link>();

  /** `plan` may be replaced at any time; it applies to connections opened after that. */
  constructor(
    public plan: FaultPlan,
    readonly clock: Pick<Clock, 'now' | 'setTimeout'>,
    seed = 'fault-proxy',
    /** Overrides the drawn fate of a connection by its index (0-based), e.g. "the first one is black-holed". */
    public fate?: (index: number) => Partial<Fate> | undefined,
  ) {
    const r = fixedRandom(seed);
    this.random = () => new DataView(r.bytes(4).buffer).getUint32(0) / 2 ** 32;
  }

  /** Connects `client` (the end facing the client) with `server`, under a freshly drawn fate. */
  link(client: ProxyEnd, server: ProxyEnd): Fate {
    const index = this.stats.connections++;
    const p = this.plan;
    const chance = (x: number | undefined): boolean => this.random() < (x ?? 0);
    const drawn: Fate = {
      drop: chance(p.drop),
      resetAt: chance(p.reset) ? 1 + Math.floor(this.random() * (p.resetWithinBytes ?? 2048)) : undefined,
      stallAt: chance(p.stall) ? Math.floor(this.random() * 1024) : undefined,
      blackhole: chance(p.blackhole),
    };
    const fate = { ...drawn, ...this.fate?.(index) };
    if (fate.drop) {
      this.stats.dropped++;
      client.close();
      server.close();
      return fate;
    }
    const link = new Link(this, p, fate, client, server, () => this.links.delete(link));
    this.links.add(link);
    return fate;
  }

  /** Closes every open proxied connection (both sides). */
  closeAll(): void {
    for (const l of [...this.links]) l.close(false);
  }

  /** @internal A number in [0, 1). */
  draw(): number {
    return this.random();
  }
}

/** A `Dial` over memory pipes through `proxy` to `accept` (e.g. `sim.acceptStream`), with real codecs. */
export function faultyMemoryDial(
  proxy: FaultProxy,
  accept: (dcId: number, stream: ByteStream) => void,
  codec: DialCodecOptions = {},
): Dial {
  return (dc) => {
    const [client, proxyClient] = memoryPipe();
    const [proxyServer, server] = memoryPipe();
    accept(dc.dcId, server);
    proxy.link(proxyClient, proxyServer);
    return framedDuplex(client, createDialCodec(dc, codec));
  };
}

/** One proxied connection: two directions of forwarding under one fate. */
class Link {
  private bytes = 0;
  private stalledUntil = 0;
  private holed = false;
  private closed = false;
  private readonly frames: FrameCounter;
  private framesSeen = 0;
  private readonly lastAt = { up: 0, down: 0 };

  constructor(
    private readonly proxy: FaultProxy,
    private readonly plan: FaultPlan,
    private readonly fate: Fate,
    private readonly client: ProxyEnd,
    private readonly server: ProxyEnd,
    private readonly onClose: () => void,
  ) {
    this.frames = (plan.frames ?? (() => mtprotoFrames('intermediate')))();
    this.pipe(client.data$, 'up');
    this.pipe(server.data$, 'down');
  }

  close(reset: boolean): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    for (const end of [this.client, this.server]) {
      if (reset && end.reset) end.reset();
      else end.close();
    }
  }

  private pipe(source: Observable<Uint8Array>, dir: 'up' | 'down'): void {
    source.subscribe({
      next: (chunk) => this.onChunk(chunk, dir),
      // Either side closing or failing closes the other: a FIN or RST travels through the proxy.
      error: () => this.close(false),
      complete: () => this.close(false),
    });
  }

  private onChunk(chunk: Uint8Array, dir: 'up' | 'down'): void {
    if (this.closed) return;
    let data = chunk;
    if (dir === 'down' && this.fate.blackhole) data = this.cutAtBlackhole(data);
    if (dir === 'up' && this.holed && this.plan.blackholeMode === 'both') return;
    if (data.length === 0) return;
    const { resetAt, stallAt } = this.fate;
    const before = this.bytes;
    this.bytes += data.length;
    if (resetAt !== undefined && this.bytes >= resetAt) {
      this.proxy.stats.reset++;
      // The bytes before the reset point still go out, then the connection dies mid-stream.
      this.forward(data.subarray(0, resetAt - before), dir);
      this.close(true);
      return;
    }
    if (stallAt !== undefined && before <= stallAt && this.bytes > stallAt) {
      this.proxy.stats.stalled++;
      this.stalledUntil = this.proxy.clock.now() + (this.plan.stallMs ?? 5_000);
    }
    this.forward(data, dir);
  }

  /** Passes what precedes the black-hole point; nothing after it ever reaches the client. */
  private cutAtBlackhole(chunk: Uint8Array): Uint8Array {
    if (this.holed) return chunk.subarray(0, 0);
    const after = this.plan.blackholeAfterFrames ?? 3;
    for (const end of this.frames.feed(chunk)) {
      if (++this.framesSeen < after) continue;
      this.holed = true;
      this.proxy.stats.blackholed++;
      return chunk.subarray(0, end);
    }
    return chunk;
  }

  private forward(data: Uint8Array, dir: 'up' | 'down'): void {
    if (data.length === 0) return;
    const to = dir === 'up' ? this.server : this.client;
    const pieces = this.plan.split ? this.split(data) : [data];
    const { clock } = this.proxy;
    const now = clock.now();
    for (const piece of pieces) {
      const delay = this.plan.delayMs ? Math.floor(this.proxy.draw() * this.plan.delayMs) : 0;
      const at = Math.max(now + delay, this.lastAt[dir], this.stalledUntil);
      this.lastAt[dir] = at;
      const copy = piece.slice();
      if (at <= now) this.write(to, copy);
      else clock.setTimeout(() => this.write(to, copy), at - now);
    }
  }

  private write(to: ProxyEnd, piece: Uint8Array): void {
    if (this.closed) return;
    try {
      to.write(piece);
    } catch {
      this.close(false);
    }
  }

  private split(data: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (let i = 0; i < data.length; ) {
      // Mostly small pieces, single bytes included, sometimes the rest at once.
      const n = this.proxy.draw() < 0.2 ? data.length - i : 1 + Math.floor(this.proxy.draw() * 16);
      out.push(data.subarray(i, i + n));
      i += n;
    }
    return out;
  }
}
