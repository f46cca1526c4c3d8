/**
 * Fault switches of the control API: delay every answer, reject a method with an rpc_error, drop
 * every live connection, black-hole every encrypted message after the key exchange. They sit between the session layer and the dispatcher, so a client sees
 * exactly what it would see from a slow or failing Telegram DC.
 */
import type { Clock } from '../../transport/index.js';
import { fail } from '../errors.js';

/** One method rejection: answer `method` with `code`/`text`, `remaining` more times (unbounded if absent). */
export interface MethodRejection {
  method: string;
  code: number;
  text: string;
  remaining?: number | undefined;
}

/** What the faults are set to now (for the control API). */
export interface FaultsSnapshot {
  delayMs: number;
  blackHole: boolean;
  rejections: MethodRejection[];
}

/** The fault switches of one simulator. */
export class Faults {
  /** Every RPC answer waits this long (on the simulator's base clock) before it is sent. */
  delayMs = 0;
  /** Key exchanges are answered, encrypted messages are swallowed: a path that went half-open. */
  blackHole = false;
  private readonly rejections = new Map<string, MethodRejection>();

  constructor(
    private readonly clock: Clock,
    private readonly drop: () => number,
  ) {}

  /** Delays every answer by `ms` (0 turns the delay off). */
  delay(ms: number): void {
    this.delayMs = Math.max(0, ms);
  }

  /** Answers `method` with rpc_error `code`/`text`; `times` limits how often (default: until cleared). */
  reject(method: string, code: number, text: string, times?: number): void {
    this.rejections.set(method, { method, code, text, remaining: times });
  }

  /** Closes every live connection of every DC now; returns how many were closed. Keys and sessions stay. */
  dropConnections(): number {
    return this.drop();
  }

  /** Turns every switch off. */
  clear(): void {
    this.delayMs = 0;
    this.blackHole = false;
    this.rejections.clear();
  }

  snapshot(): FaultsSnapshot {
    return { delayMs: this.delayMs, blackHole: this.blackHole, rejections: [...this.rejections.values()].map((r) => ({ ...r })) };
  }

  /** Applied before a request reaches its handler: waits the delay, then throws a configured rejection. */
  async before(method: string): Promise<void> {
    if (this.delayMs > 0) await new Promise<void>((resolve) => this.clock.setTimeout(resolve, this.delayMs));
    const r = this.rejections.get(method);
    if (!r) return;
    if (r.remaining !== undefined && --r.remaining <= 0) this.rejections.delete(method);
    throw fail(r.code, r.text);
  }
}
