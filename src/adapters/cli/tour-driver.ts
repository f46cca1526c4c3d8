/**
 * The tour's driver: one engine against the simulator, every view the UI receives printed as it
 * arrives, every RPC beneath it printed between them (`-> auth.sendCode @dc2`). Steps wait for a
 * view (real time, bounded) and fail loudly when it does not come, so the tour doubles as a smoke
 * test of the whole stack.
 */
import { filter, firstValueFrom, timeout } from 'rxjs';
import type { AuthCommand, AuthEngine, AuthStatus, AuthView, TransportRpc } from '../../machines/index.js';
import { formatView } from './format-view.js';
import { formatTrace, type RpcTrace } from './trace-rpc.js';

/** Where the tour writes. */
export type TourOut = (line: string) => void;

/** What the tour records for the closing summary. */
export interface TourRecord {
  methods: Set<string>;
  statuses: Set<string>;
}

/** A step waited for a view that never came. */
export class TourStepError extends Error {}

/** Drives one engine through a scenario, printing views and RPC traces. */
export class TourDriver {
  private last: AuthView;
  private lastShown = '';
  private readonly subscription: { unsubscribe(): void };

  constructor(
    readonly engine: AuthEngine,
    private readonly out: TourOut,
    private readonly record: TourRecord,
    /** The engine's transport, for what a host does beside the flows (e.g. calls on another DC). */
    readonly transport?: TransportRpc,
    private readonly waitMs = 15_000,
  ) {
    this.last = engine.getSnapshot();
    this.subscription = engine.state$.subscribe((view) => {
      this.last = view;
      this.record.statuses.add(view.status);
      // A countdown ticking is one view per second: show the first, skip the ticks.
      const shown = formatView(view).replace(/(resendIn|resetIn|expiresIn|retryIn)=\d+s/g, '$1=…');
      if (shown !== this.lastShown) this.out(`  view: ${formatView(view)}`);
      this.lastShown = shown;
    });
  }

  /** The RPC trace listener to hand to `traceRpc`. */
  static traceListener(out: TourOut, record: TourRecord): (trace: RpcTrace) => void {
    return (trace) => {
      if (trace.kind === 'call') record.methods.add(trace.method);
      out(formatTrace(trace));
    };
  }

  get view(): AuthView {
    return this.last;
  }

  /** Prints what the user does, then sends it. Secrets are shown masked. */
  send(command: AuthCommand, shown?: string): void {
    this.out(`  user: ${command.type}${shown ? ` ${shown}` : ''}`);
    this.engine.send(command);
  }

  /** Waits until the view matches (status, or a predicate), printing nothing extra. */
  async until(match: AuthStatus | ((view: AuthView) => boolean), what?: string): Promise<AuthView> {
    const test = typeof match === 'string' ? (v: AuthView) => v.status === match && !v.busy : match;
    if (test(this.last)) return this.last;
    try {
      return await firstValueFrom(this.engine.state$.pipe(filter(test), timeout(this.waitMs)));
    } catch (error) {
      throw new TourStepError(
        `waited ${this.waitMs} ms for ${what ?? String(match)}; last view: ${formatView(this.last)}`,
        { cause: error },
      );
    }
  }

  /** Waits until a request finished and the view shows an error of `type`. */
  untilError(type: string): Promise<AuthView> {
    return this.until((v) => !v.busy && v.error?.type === type, `error ${type}`);
  }

  /** Stops the engine and closes its transport (the tour owns the transport, not the engine). */
  stop(): void {
    this.subscription.unsubscribe();
    this.engine.stop();
    this.transport?.close();
  }
}
