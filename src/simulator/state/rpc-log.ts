/**
 * The RPC log the console shows: the last N requests the cluster answered (method, DC, key, the
 * user or phone it concerned, result or error, latency). A fixed-size ring, so a load test or a
 * console left open cannot grow the simulator's memory; readers page through it by sequence number.
 * Only names and ids are kept, never parameters (codes, passwords and tokens travel in those).
 */

/** One answered request. */
export interface RpcLogEntry {
  /** 1, 2, 3, … over the simulator's life; a reader asks for entries after the last it saw. */
  seq: number;
  /** Simulator time of arrival (ms). */
  at: number;
  dcId: number;
  method: string;
  /** The key the request came on (a temp key under PFS). */
  authKeyId: bigint;
  /** The permanent key a bound temp key acts for. */
  permKeyId?: bigint | undefined;
  userId?: bigint | undefined;
  /** The phone the request names, or the phone of the user it acts for. */
  phone?: string | undefined;
  /** The answer's constructor (`auth.sentCode`), `true`/`false`, or `vector`; absent on error. */
  result?: string | undefined;
  /** `400 PHONE_CODE_INVALID` when the answer was an rpc_error. */
  error?: string | undefined;
  /** Real milliseconds from arrival to answer (fault delays included). */
  ms: number;
}

/** Default capacity: enough for a few dozen logins, ~100 KB at most. */
export const RPC_LOG_SIZE = 500;

/** A ring buffer of {@link RpcLogEntry}. */
export class RpcLog {
  private readonly ring: (RpcLogEntry | undefined)[];
  private next = 1;

  constructor(readonly capacity = RPC_LOG_SIZE) {
    this.ring = new Array<RpcLogEntry | undefined>(Math.max(0, capacity));
  }

  /** The sequence number of the newest entry (0 before any). */
  get lastSeq(): number {
    return this.next - 1;
  }

  /** Appends an entry, overwriting the oldest once full; returns it with its `seq`. */
  add(entry: Omit<RpcLogEntry, 'seq'>): RpcLogEntry | undefined {
    if (this.capacity === 0) return undefined;
    const full = { seq: this.next++, ...entry };
    this.ring[full.seq % this.capacity] = full;
    return full;
  }

  /** Entries with `seq > after`, oldest first, at most `limit` (the newest ones when more remain). */
  since(after = 0, limit = this.capacity): RpcLogEntry[] {
    const from = Math.max(after + 1, this.next - this.capacity, this.next - Math.max(0, limit));
    const out: RpcLogEntry[] = [];
    for (let seq = from; seq < this.next; seq++) {
      const e = this.ring[seq % this.capacity];
      if (e?.seq === seq) out.push(e);
    }
    return out;
  }
}
