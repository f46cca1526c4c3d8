/**
 * What the live stream sends one console: the inbox messages and RPC log entries after the ones it
 * has, and which topics changed, so the page reloads only what it shows. Pure; the HTTP shell owns
 * the connection and the timer that batches changes (a busy simulator sends a few batches a second,
 * never one message per request).
 */
import type { Simulator } from '../../cluster/simulator.js';
import type { ChangeTopic } from '../../state/sim-state.js';
import { toJson } from '../json.js';

/** Where one console is in the two feeds. */
export interface FeedCursor {
  rpc: number;
  inbox: number;
}

/** At most this many RPC entries per batch: a console that fell behind gets the newest. */
export const FEED_BATCH = 200;

/** The next batch for `cursor` (advanced in place), as JSON-ready data. */
export function nextFeedBatch(sim: Simulator, cursor: FeedCursor, topics: ReadonlySet<ChangeTopic>): unknown {
  const rpc = sim.state.rpcLog.since(cursor.rpc, FEED_BATCH);
  const inbox = sim.state.inbox.recent(cursor.inbox);
  if (rpc.length) cursor.rpc = rpc[rpc.length - 1]!.seq;
  if (inbox.length) cursor.inbox = inbox[inbox.length - 1]!.seq;
  return toJson({
    topics: [...topics],
    clock: { now: sim.clock.now(), offsetMs: sim.clock.offsetMs },
    rpc,
    inbox,
  });
}
