/**
 * The rules dc-key.world.ts predicts with: how the key machine (dc-key/machine.ts), the link
 * (dc-link/dc-link.ts) and a connection (transport DcConnection) react to one another, restated over the
 * abstract world. A `Run` settles one step: facts reach the machine synchronously (a connection
 * asking for a key, dropping, coming back), then what promises deliver (bind answers, the rejection
 * of waiting connections after a failure). Each real machine transition it takes is recorded with
 * the label the coverage report uses, so the path selection can aim at the real transitions.
 */
import type { BindOutcome, Conn, KeyState, KeyWorld, Who } from './dc-key.world.js';

type Fact =
  { type: 'hs' | 'rec' | 'rdy' | 'rotate' | 'timeout' | 'closed' } | { type: 'bind'; outcome: BindOutcome };

export const EXCHANGING: readonly KeyState[] = [
  'exchangingPermKey',
  'exchangingTempKey',
  'binding',
  'rotating.exchangingTempKey',
  'rotating.binding',
];
const id = (s: KeyState): string => `dcKey.${s}`;
const ROTATING_EXCHANGE = 'rotating.exchangingTempKey';

/** One settling run: synchronous facts first, then what promises deliver (answers, rejections). */
export class Run {
  readonly labels: string[] = [];
  private readonly later: (() => void)[] = [];
  constructor(
    public state: KeyState,
    public w: KeyWorld,
  ) {}

  private get canRebuildTemp(): boolean {
    return this.w.pfs && this.w.perm;
  }

  /** Takes one transition of the real machine: its label (as coverage.ts prints it) and target. */
  private take(event: string, to: KeyState, guard = ''): void {
    this.labels.push(`${id(this.state)} --${event}${guard ? ` ${guard}` : ''}--> ${id(to)}`);
    this.state = to;
  }

  /** Delivers one fact to the key machine (its transitions, dc-key/machine.ts). */
  fact(f: Fact): void {
    const s = this.state;
    if (s === 'closed') return;
    switch (f.type) {
      case 'closed':
        this.labels.push('dcKey --transport.closed#0--> dcKey.closed');
        this.state = 'closed';
        return;
      case 'rotate':
        if (s === 'ready' && this.canRebuildTemp) {
          this.labels.push('dcKey.ready --tempKey.rotate#0 [canRebuildTemp]--> dcKey.rotating');
          this.state = 'rotating.awaitingConnection';
        }
        return;
      case 'rdy':
        if (s === 'disconnected' || s === 'reconnecting') this.take('transport.ready#0', 'ready');
        return;
      case 'rec':
        if (['exchangingPermKey', 'exchangingTempKey', 'binding', 'failed', 'ready'].includes(s))
          this.take('transport.reconnecting#0', 'reconnecting');
        return;
      case 'timeout': {
        const fail = s.startsWith('rotating.') ? 'rotating.failed' : 'failed';
        if (!EXCHANGING.includes(s)) return;
        // The actor whose request went unanswered fails the step (dc-key/silence-timer.ts): the plain link,
        // or the bind (its error that is not an unknown permanent key).
        const binding = s === 'binding' || s === 'rotating.binding';
        this.labels.push(
          binding
            ? `${id(s)} --xstate.error.actor.0.${id(s)}#1--> ${id(fail)}`
            : `${id(s)} --plain.failed#0--> ${id(fail)}`,
        );
        return this.fail(fail);
      }
      case 'bind': {
        if (s !== 'binding' && s !== 'rotating.binding') return;
        const actor = `xstate.%.actor.0.${id(s)}`;
        if (f.outcome === 'ok') {
          this.labels.push(`${id(s)} --${actor.replace('%', 'done')}#0--> dcKey.ready`);
          return this.bound();
        }
        if (f.outcome === 'permUnknown') {
          this.labels.push(
            `${id(s)} --${actor.replace('%', 'error')}#0 [isPermKeyUnknown]--> dcKey.exchangingPermKey`,
          );
          this.w.perm = false;
          this.state = 'exchangingPermKey';
          return this.exchange('exchangingPermKey');
        }
        const fail = s === 'binding' ? 'failed' : 'rotating.failed';
        this.labels.push(`${id(s)} --${actor.replace('%', 'error')}#1--> ${id(fail)}`);
        return this.fail(fail);
      }
      case 'hs':
        return this.handshaking();
    }
  }

  private handshaking(): void {
    const s = this.state;
    const hs = 'transport.handshaking';
    if (s.startsWith('rotating.')) this.take(`${hs}#0`, ROTATING_EXCHANGE);
    else if (s === 'exchangingPermKey') this.take(`${hs}#0`, 'exchangingPermKey');
    else if (s === 'exchangingTempKey' || s === 'binding') this.take(`${hs}#0`, 'exchangingTempKey');
    else if (this.canRebuildTemp) this.take(`${hs}#0`, 'exchangingTempKey', '[canRebuildTemp]');
    else if (s === 'reconnecting' && this.w.perm) {
      this.take(`${hs}#1`, 'exchangingPermKey', '[hasPermKey]');
      this.w.perm = false;
    } else {
      const index = s === 'reconnecting' ? 2 : 1;
      if (s === 'ready') this.w.perm = false;
      this.take(`${hs}#${index}`, 'exchangingPermKey');
    }
    this.exchange(this.state as 'exchangingPermKey' | 'exchangingTempKey' | 'rotating.exchangingTempKey');
  }

  /** Runs the exchange of the state just entered, on the keyed connection; the wire decides how far. */
  private exchange(at: 'exchangingPermKey' | 'exchangingTempKey' | 'rotating.exchangingTempKey'): void {
    this.w.held = null;
    const failTo = at === ROTATING_EXCHANGE ? 'rotating.failed' : 'failed';
    const step = (from: string, to: string) =>
      this.labels.push(`${id(at)}.${from} --plain.received#0--> ${to}`);
    if (this.w.plain === 'silent') {
      this.w.stalled = true;
      return;
    }
    this.w.stalled = false;
    if (this.w.plain === 'garble') {
      this.take('plain.failed#0', failTo);
      return this.fail(failTo);
    }
    step('awaitingResPq', `${id(at)}.awaitingServerDhParams`);
    if (this.w.plain === 'corrupt') {
      this.take('exchange.failed#0', failTo);
      return this.fail(failTo);
    }
    step('awaitingServerDhParams', `${id(at)}.awaitingDhGenAnswer`);
    step('awaitingDhGenAnswer', '(no target)');
    if (at === 'exchangingPermKey') {
      this.w.perm = true;
      this.w.serverPerm = true;
      if (this.w.pfs) {
        this.take('exchange.done#0', 'exchangingTempKey', '[isPfs]');
        return this.exchange('exchangingTempKey');
      }
      this.take('exchange.done#1', 'ready');
      return this.settle();
    }
    this.take('exchange.done#0', at === 'exchangingTempKey' ? 'binding' : 'rotating.binding');
    // The server runs the bind as it arrives; a held wire keeps only its answer back.
    let outcome: BindOutcome = 'ok';
    if (this.w.rejectBind) {
      this.w.rejectBind = false;
      outcome = 'rejected';
    } else if (!this.w.serverPerm) outcome = 'permUnknown';
    if (this.w.hold) {
      this.w.held = outcome;
      this.w.stalled = true;
      return;
    }
    this.later.push(() => this.fact({ type: 'bind', outcome }));
  }

  /** failed / rotating.failed: reportFailure rejects every waiting connection; they back off. */
  private fail(to: 'failed' | 'rotating.failed'): void {
    this.state = to;
    this.w.stalled = false;
    this.w.held = null;
    const rejected = this.w.waiters;
    this.w.waiters = [];
    this.w.keyed = null;
    this.later.push(() => {
      for (const who of rejected) if (this.conn(who) === 'waiting') this.lose(who);
    });
  }

  /** tempKey.bound: the rotation's connection (if any) is swapped in; every waiter gets the key. */
  private bound(): void {
    this.state = 'ready';
    this.w.stalled = false;
    this.w.held = null;
    this.w.serverKey = true;
    if (this.w.next !== 'none') {
      // The old current connection drains (answers its calls with the key if it waited, then closes).
      const nextWasWaiting = this.w.next === 'waiting';
      this.w.backoff = this.w.backoff.filter((b) => b !== 'cur').map((): Who => 'cur');
      this.w.cur = nextWasWaiting ? 'ready' : 'backoff';
      this.w.curSession = nextWasWaiting;
      this.w.next = 'none';
    } else if (this.w.cur === 'waiting') {
      this.w.cur = 'ready';
      this.w.curSession = true;
    }
    this.w.waiters = [];
    this.w.keyed = null;
  }

  /** key.created without PFS: the waiting connection gets the permanent key. */
  private settle(): void {
    if (this.w.cur === 'waiting') {
      this.w.cur = 'ready';
      this.w.curSession = true;
      this.w.serverKey = true;
    }
    this.w.waiters = [];
    this.w.keyed = null;
  }

  conn(who: Who): Conn {
    return who === 'cur' ? this.w.cur : this.w.next;
  }

  private setConn(who: Who, c: Conn): void {
    if (who === 'cur') this.w.cur = c;
    else this.w.next = c as KeyWorld['next'];
  }

  /** A connection loses its transport: backoff; the current one reports it unless another is keyed. */
  lose(who: Who): void {
    if (this.conn(who) === 'backoff' || this.conn(who) === 'none') return;
    this.setConn(who, 'backoff');
    this.w.backoff.push(who);
    if (this.w.keyed === who) {
      this.w.stalled = true;
      this.w.held = null;
    }
    if (who === 'cur' && (this.w.keyed === null || this.w.keyed === 'cur')) this.fact({ type: 'rec' });
  }

  /** A connection without a session asks for a key on a fresh transport. */
  ask(who: Who): void {
    this.setConn(who, 'waiting');
    if (!this.w.waiters.includes(who)) this.w.waiters.push(who);
    this.w.keyed = who;
    this.fact({ type: 'hs' });
  }

  /** Redials every connection in backoff, in timer order. */
  redial(): void {
    const due = this.w.backoff;
    this.w.backoff = [];
    for (const who of due) {
      if (this.w.refuse) {
        // Refused: it backs off again (and says so, like any lost connection).
        this.w.refuse = false;
        this.setConn(who, 'ready');
        this.lose(who);
      } else if (who === 'cur' && this.w.curSession) {
        this.w.cur = 'ready';
        this.fact({ type: 'rdy' });
      } else this.ask(who);
    }
  }

  /** Runs what promises deliver until nothing is left. */
  drain(): void {
    for (let job = this.later.shift(); job; job = this.later.shift()) job();
  }
}
