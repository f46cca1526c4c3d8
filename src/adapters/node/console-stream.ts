/**
 * The console's live stream over Server-Sent Events (`GET /events`): the simulator tells its
 * watchers what changed; this batches the changes on a timer and sends each open console what it
 * has not seen yet (nextFeedBatch). Bounded on every side: a few consoles at once, a few batches a
 * second, a capped batch, and a console that stops reading is dropped instead of buffered for.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { nextFeedBatch, type ChangeTopic, type FeedCursor, type Simulator } from '../../simulator/index.js';

/** Batching interval: changes within it travel together. */
const FLUSH_MS = 250;
const HEARTBEAT_MS = 15_000;
const MAX_CONSOLES = 16;
/** Unsent bytes after which a console that stopped reading is dropped. */
const MAX_BACKLOG = 1 << 20;

interface Client {
  res: ServerResponse;
  cursor: FeedCursor;
}

/** The stream for one simulator; `close()` ends every open console. */
export class ConsoleStream {
  private readonly clients = new Set<Client>();
  private readonly dirty = new Set<ChangeTopic>();
  private flushTimer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly watch = (topic: ChangeTopic): void => {
    this.dirty.add(topic);
    this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
  };

  constructor(private readonly sim: Simulator) {}

  /** Serves `GET /events?rpc=<seq>&inbox=<seq>`: the feeds after those sequence numbers, then live. */
  open(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void {
    if (this.clients.size >= MAX_CONSOLES) {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `at most ${MAX_CONSOLES} consoles may stream at once` }));
      return;
    }
    const seq = (name: string) => {
      const n = Number(query.get(name) ?? 0);
      return Number.isSafeInteger(n) && n >= 0 ? n : 0;
    };
    const client: Client = { res, cursor: { rpc: seq('rpc'), inbox: seq('inbox') } };
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
    });
    res.write('retry: 2000\n\n');
    if (this.clients.size === 0) {
      this.sim.state.watchers.add(this.watch);
      this.heartbeat = setInterval(() => this.ping(), HEARTBEAT_MS);
      this.heartbeat.unref();
    }
    this.clients.add(client);
    this.send(client, new Set());
    req.once('close', () => this.drop(client));
  }

  /** Ends every stream (the server is closing). */
  close(): void {
    for (const c of [...this.clients]) {
      c.res.end();
      this.drop(c);
    }
  }

  private flush(): void {
    this.flushTimer = undefined;
    const topics = new Set(this.dirty);
    this.dirty.clear();
    for (const c of [...this.clients]) this.send(c, topics);
  }

  private send(c: Client, topics: ReadonlySet<ChangeTopic>): void {
    if (c.res.writableLength > MAX_BACKLOG) {
      c.res.destroy();
      this.drop(c);
      return;
    }
    c.res.write(`data: ${JSON.stringify(nextFeedBatch(this.sim, c.cursor, topics))}\n\n`);
  }

  private ping(): void {
    for (const c of this.clients) c.res.write(': ping\n\n');
  }

  private drop(c: Client): void {
    if (!this.clients.delete(c) || this.clients.size > 0) return;
    this.sim.state.watchers.delete(this.watch);
    clearTimeout(this.flushTimer);
    clearInterval(this.heartbeat);
    this.flushTimer = undefined;
    this.dirty.clear();
  }
}
