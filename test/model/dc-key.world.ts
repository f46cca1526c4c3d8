/**
 * What the key-lifecycle model predicts, as a pure function: the key machine's state after a step
 * (a call, a cut connection, a clock step, a fault) once everything has settled, derived from an
 * abstract picture of the world — which connections exist and whether they wait for a key, what the
 * server still knows, what the wire does to handshake messages and answers.
 *
 * It restates, independently and without I/O, the rules the real pieces follow: the key machine's
 * transitions (dc-key/machine.ts), the link's bookkeeping (dc-link/dc-link.ts: every waiting connection
 * gets the key or the failure; only the connection being keyed can abandon an exchange; a bind
 * during a rotation swaps the rotation's connection in) and a connection's life (a drop keeps its
 * session and redials after the backoff; -404 drops the session; no session means a handshake).
 */

import { EXCHANGING, Run } from './dc-key.rules.js';

export type KeyState =
  | 'disconnected'
  | 'exchangingPermKey'
  | 'exchangingTempKey'
  | 'binding'
  | 'rotating.awaitingConnection'
  | 'rotating.exchangingTempKey'
  | 'rotating.binding'
  | 'rotating.failed'
  | 'failed'
  | 'ready'
  | 'reconnecting'
  | 'closed';

/** What the wire does to handshake (unencrypted) messages. */
export type Plain = 'ok' | 'silent' | 'corrupt' | 'garble';
/** A connection: not opened, open with a session, open and waiting for a key, or waiting to redial. */
export type Conn = 'none' | 'ready' | 'waiting' | 'backoff';
export type Who = 'cur' | 'next';
export type BindOutcome = 'ok' | 'permUnknown' | 'rejected';

export interface KeyWorld {
  pfs: boolean;
  /** The client holds a permanent key (the machine's authKeyId, the key store). */
  perm: boolean;
  /** The server still knows that permanent key. */
  serverPerm: boolean;
  /** The server still knows the key the current connection's session runs on. */
  serverKey: boolean;
  /** The current connection (new calls go to it unless a rotation's connection exists). */
  cur: Conn;
  /** The current connection keeps a session across a drop (it redials straight to ready). */
  curSession: boolean;
  /** A rotation's connection (it never has a session of its own until it is swapped in). */
  next: Exclude<Conn, 'ready'>;
  /** Connections whose key request is pending at the link, in the order they first asked. */
  waiters: Who[];
  /** The connection the running exchange or bind uses (the last to ask), while any waits. */
  keyed: Who | null;
  /** The running exchange or bind waits for an answer that will not come (lost, or its connection cut). */
  stalled: boolean;
  plain: Plain;
  /** Encrypted answers are held back (a bind stays unanswered until released). */
  hold: boolean;
  /** The next connection attempt is refused (that connection backs off again). */
  refuse: boolean;
  /** The simulator answers the next auth.bindTempAuthKey with an error. */
  rejectBind: boolean;
  /** A bind answer held back on the wire, and what it says. */
  held: BindOutcome | null;
  /** Connections waiting to redial, in the order their backoff timers were set. */
  backoff: Who[];
}

export const initialWorld = (pfs: boolean, stored: boolean): KeyWorld => ({
  pfs,
  perm: stored,
  serverPerm: stored,
  serverKey: false,
  cur: 'none',
  curSession: false,
  next: 'none',
  waiters: [],
  keyed: null,
  stalled: false,
  plain: 'ok',
  hold: false,
  refuse: false,
  rejectBind: false,
  held: null,
  backoff: [],
});

export type StepEvent =
  | { type: 'CALL' }
  | { type: 'DROP'; which: 'all' | 'current' | 'others' }
  | { type: 'REDIAL' }
  | { type: 'TIMEOUT' }
  | { type: 'ROTATE' }
  | { type: 'FAULT'; plain: Exclude<Plain, 'ok'> }
  | { type: 'HOLD' }
  | { type: 'REFUSE' }
  | { type: 'RELEASE' }
  | { type: 'HEAL' }
  | { type: 'FORGET'; what: 'temp' | 'perm' | 'all' }
  | { type: 'REJECT_BIND' }
  | { type: 'CLOSE' };

/** Nothing pending anywhere: the steady state in which faults are set and the server changes. */
export const calm = (s: KeyState, w: KeyWorld): boolean =>
  s === 'ready' &&
  w.cur === 'ready' &&
  w.next === 'none' &&
  w.plain === 'ok' &&
  !w.hold &&
  w.backoff.length === 0;

/** Before the first call, or calm: where a fault may be switched on. */
const quiet = (s: KeyState, w: KeyWorld): boolean => w.cur === 'none' || calm(s, w);

export interface Prediction {
  state: KeyState;
  world: KeyWorld;
  /** The key machine's transitions on the way, labelled as the coverage report labels them. */
  transitions: string[];
}

/** The settled state after `e` from `state`, or undefined when the step is not offered there. */
export function predict(state: KeyState, world: KeyWorld, e: StepEvent): Prediction | undefined {
  if (state === 'closed') return undefined;
  const w: KeyWorld = { ...world, waiters: [...world.waiters], backoff: [...world.backoff] };
  const run = new Run(state, w);
  switch (e.type) {
    case 'CALL':
      if (w.cur === 'none') {
        // The first call opens the link: a stored key without PFS is used as is, else a handshake.
        if (!w.pfs && w.perm) {
          w.cur = 'ready';
          w.curSession = true;
          w.serverKey = w.serverPerm;
          run.fact({ type: 'rdy' });
        } else run.ask('cur');
        break;
      }
      if (!calm(state, w)) return undefined;
      if (!w.serverKey) {
        // -404: the session is gone with the key; the call waits for the new one.
        w.curSession = false;
        run.lose('cur');
      }
      break;
    case 'DROP':
      if (w.cur === 'none') return undefined;
      if (e.which !== 'all' && w.next === 'none') return undefined;
      if (e.which !== 'others' && w.cur !== 'backoff') run.lose('cur');
      if (e.which !== 'current' && w.next === 'waiting') run.lose('next');
      if (w.backoff.length === world.backoff.length) return undefined;
      break;
    case 'REDIAL':
      if (w.backoff.length === 0) return undefined;
      run.redial();
      break;
    case 'TIMEOUT':
      if (!EXCHANGING.includes(state) || !w.stalled || w.backoff.length > 0) return undefined;
      run.fact({ type: 'timeout' });
      break;
    case 'ROTATE':
      // link.rotate(): tempKey.rotate, then the rotation's connection dials and asks for a key.
      if (!w.pfs || w.next !== 'none' || w.cur === 'none' || state === 'disconnected') return undefined;
      run.fact({ type: 'rotate' });
      w.next = 'waiting';
      run.ask('next');
      break;
    case 'FAULT':
      // Also while a bind answer is held: what the exchange after it will meet.
      if (w.plain !== 'ok' || !(quiet(state, w) || w.held !== null)) return undefined;
      w.plain = e.plain;
      break;
    case 'HOLD':
      if (!w.pfs || w.hold || !quiet(state, w)) return undefined;
      w.hold = true;
      break;
    case 'REFUSE':
      // Only where it changes which connection comes back first.
      if (w.refuse || w.backoff.length < 2) return undefined;
      w.refuse = true;
      break;
    case 'RELEASE': {
      if (w.held === null) return undefined;
      const outcome = w.held;
      w.held = null;
      w.stalled = false;
      run.fact({ type: 'bind', outcome });
      break;
    }
    case 'HEAL': {
      if (w.plain === 'ok' && !w.hold) return undefined;
      w.plain = 'ok';
      w.hold = false;
      const outcome = w.held;
      w.held = null;
      if (outcome !== null) {
        w.stalled = false;
        run.fact({ type: 'bind', outcome });
      }
      break;
    }
    case 'FORGET':
      if (!calm(state, w) || (e.what !== 'all' && !w.pfs)) return undefined;
      // Only what the server still knows can be forgotten.
      if (!(e.what === 'temp' ? w.serverKey : e.what === 'perm' ? w.serverPerm : w.serverKey || w.serverPerm))
        return undefined;
      if (e.what !== 'perm') w.serverKey = false;
      if (e.what !== 'temp') w.serverPerm = false;
      break;
    case 'REJECT_BIND':
      if (!calm(state, w) || !w.pfs || w.rejectBind) return undefined;
      w.rejectBind = true;
      break;
    case 'CLOSE':
      if (w.cur === 'none') return undefined;
      run.fact({ type: 'closed' });
      return { state: 'closed', world: initialWorld(w.pfs, false), transitions: run.labels };
  }
  run.drain();
  return { state: run.state, world: w, transitions: run.labels };
}
