/**
 * A hot stream that holds back what it receives until its first subscriber arrives, then replays
 * it in order. Connections start receiving as soon as they open, but their consumer subscribes a
 * moment later; this keeps the first bytes from falling into that gap.
 */
import { Observable, Subject } from 'rxjs';

type Note<T> = { kind: 'N'; value: T } | { kind: 'E'; error: unknown } | { kind: 'C' };

/** A Subject that buffers until first subscribed. */
export class Inbox<T> {
  private readonly subject = new Subject<T>();
  private readonly queue: Note<T>[] = [];
  private waiting = true;
  private flushing = false;
  private stopped = false;

  /** The stream; the first subscriber receives everything queued so far. */
  readonly observable = new Observable<T>((subscriber) => {
    const subscription = this.subject.subscribe(subscriber);
    if (this.waiting) {
      this.waiting = false;
      this.flush();
    }
    return subscription;
  });

  /** True once `error` or `complete` was called. */
  get closed(): boolean {
    return this.stopped;
  }

  next(value: T): void {
    if (!this.stopped) this.deliver({ kind: 'N', value });
  }

  error(error: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    this.deliver({ kind: 'E', error });
  }

  complete(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.deliver({ kind: 'C' });
  }

  private deliver(note: Note<T>): void {
    // While replaying, new notes queue behind the old ones so order is kept even when a
    // subscriber reacts synchronously.
    if (this.waiting || this.flushing) this.queue.push(note);
    else this.emit(note);
  }

  private flush(): void {
    this.flushing = true;
    try {
      for (let note = this.queue.shift(); note; note = this.queue.shift()) this.emit(note);
    } finally {
      this.flushing = false;
    }
  }

  private emit(note: Note<T>): void {
    if (note.kind === 'N') this.subject.next(note.value);
    else if (note.kind === 'E') this.subject.error(note.error);
    else this.subject.complete();
  }
}
