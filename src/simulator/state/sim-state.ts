/**
 * The simulator's whole state (docs/ARCHITECTURE.md "The simulator") and the knobs the control API turns. Pure data
 * plus the injected clock and randomness: no I/O, so handlers are testable without a network.
 */
import type { CryptoProvider, Random } from '../../crypto/index.js';
import { bytesToBigint, bytesToHex, pureCrypto } from '../../crypto/index.js';
import { registerFullSchema, registerLegacyVariants } from '../../tl/index.js';
import type { Clock, ServerNotice } from '../../transport/index.js';
import { AccountStore } from './accounts.js';
import { KeyStore } from './auth-keys.js';
import { Inbox } from './inbox.js';
import { RPC_LOG_SIZE, RpcLog } from './rpc-log.js';
import { FirebasePnvIssuer } from './firebase-pnv-issuer.js';
import type {
  ExportRecord,
  FirebasePnvIntentRecord,
  FirebasePnvSignUp,
  FutureToken,
  PasskeyChallenge,
  PhoneLogin,
  QrToken,
  RecoveryCode,
  SrpSession,
} from './records.js';
import { SimClock } from './sim-clock.js';
import { TtlMap } from './ttl-map.js';

/** One listening address of a DC, set by the host that bound the port. */
export interface DcAddress {
  id: number;
  host: string;
  port: number;
  wsPort?: number;
}

/** Tunables; every field has a Telegram-like default. */
export interface SimSettings {
  dcCount: number;
  /** The DC "this IP" belongs to: NETWORK_MIGRATE target for unknown numbers, nearest_dc. */
  ipDc: number;
  /** Country code reported by help.getNearestDc. */
  country: string;
  /** sendCode calls per phone per `floodWindowMs` before FLOOD_WAIT_X. */
  sendCodeLimit: number;
  floodWindowMs: number;
  codeTtlMs: number;
  resendTimeoutSec: number;
  qrTtlMs: number;
  /** Registered api_ids; empty means any positive api_id is accepted. */
  apiIds: number[];
  /** Requests the RPC log keeps (a ring; 0 turns the log off). */
  rpcLogSize: number;
}

/** What changed, for watchers such as the console's live stream. */
export type ChangeTopic = 'rpc' | 'inbox' | 'keys' | 'control';

export const defaultSettings: SimSettings = {
  dcCount: 5,
  ipDc: 2,
  country: 'NL',
  sendCodeLimit: 5,
  floodWindowMs: 60 * 60_000,
  codeTtlMs: 5 * 60_000,
  resendTimeoutSec: 60,
  qrTtlMs: 30_000,
  apiIds: [],
  rpcLogSize: RPC_LOG_SIZE,
};

/** Delivers an `Updates` object to every session of an auth key (set by the cluster). */
export type UpdatePusher = (authKeyId: bigint, updates: { _: string }) => void;

/** A bad_msg_notification or bad_server_salt one DC sent (transport's ServerNotice plus the DC). */
export interface SimNotice extends ServerNotice {
  readonly dcId: number;
}

/** Everything the handlers read and write. */
export class SimState {
  readonly clock: SimClock;
  readonly settings: SimSettings;
  readonly accounts: AccountStore;
  readonly keys: KeyStore;
  readonly inbox = new Inbox();
  readonly logins: TtlMap<string, PhoneLogin>;
  readonly qrTokens: TtlMap<string, QrToken>;
  readonly exports: TtlMap<string, ExportRecord>;
  readonly srp: TtlMap<bigint, SrpSession>;
  readonly futureTokens: TtlMap<string, FutureToken>;
  readonly passkeyChallenges: TtlMap<string, PasskeyChallenge>;
  /** Firebase PNV: intents by nonce, verified numbers awaiting sign-up by permanent key, the token issuer. */
  readonly pnvIntents: TtlMap<string, FirebasePnvIntentRecord>;
  readonly pnvSignUps: TtlMap<bigint, FirebasePnvSignUp>;
  readonly pnvIssuer: FirebasePnvIssuer;
  readonly recoveryCodes: TtlMap<bigint, RecoveryCode>;
  /** Login-e-mail changes in flight, per permanent key id. */
  readonly emailChanges = new Map<bigint, { email: string; code: string }>();
  /** sendCode timestamps per phone, for FLOOD_WAIT_X. */
  readonly sendCodeLog = new Map<string, number[]>();
  /** Listening addresses, set by the host; help.getConfig lists them. */
  dcs: DcAddress[] = [];
  pushUpdate: UpdatePusher = () => {};
  /**
   * Ready-made (x, 3^x mod p) pairs for the well-known prime (cluster/dh-pool.ts), each handed out
   * once; unset, handlers compute their own. `noteTraffic` tells it a DC is busy (no pair is made then).
   */
  dhPool: { take(): { readonly secret: bigint; readonly power: bigint }; noteTraffic(): void } | undefined;
  /** Observers of every request a DC receives (method name only), for tours and diagnostics. */
  readonly callListeners = new Set<(call: { dcId: number; method: string }) => void>();
  /** Observers of every bad_msg_notification / bad_server_salt a DC sends, for interop tests. */
  readonly noticeListeners = new Set<(notice: SimNotice) => void>();
  /** The last requests answered, for the console (bounded). */
  readonly rpcLog: RpcLog;
  /** Told when something the console shows changed; must be cheap (it runs on every request). */
  readonly watchers = new Set<(topic: ChangeTopic) => void>();

  constructor(
    clock: Clock,
    readonly random: Random,
    settings: Partial<SimSettings> = {},
    /** The cluster's crypto backend, for the handlers' own math (SRP). */
    readonly crypto: CryptoProvider = pureCrypto,
  ) {
    // Clients of layer 198 up read the constructors of the layer they declared (tl/schema/legacy.tl);
    // a server answers methods an engine never sends too (the whole schema, tl/full-schema.ts).
    registerLegacyVariants();
    registerFullSchema();
    this.clock = clock instanceof SimClock ? clock : new SimClock(clock);
    this.settings = { ...defaultSettings, ...settings };
    const now = () => this.clock.now();
    this.accounts = new AccountStore(random, now);
    this.keys = new KeyStore(now);
    this.logins = new TtlMap(now);
    this.qrTokens = new TtlMap(now);
    this.exports = new TtlMap(now);
    this.srp = new TtlMap(now);
    this.futureTokens = new TtlMap(now);
    this.passkeyChallenges = new TtlMap(now);
    this.pnvIntents = new TtlMap(now);
    this.pnvSignUps = new TtlMap(now);
    this.pnvIssuer = new FirebasePnvIssuer(random);
    this.recoveryCodes = new TtlMap(now);
    this.rpcLog = new RpcLog(this.settings.rpcLogSize);
    this.inbox.onDeliver = () => this.notify('inbox');
  }

  /** Tells the watchers that `topic` changed. */
  notify(topic: ChangeTopic): void {
    for (const watcher of this.watchers) watcher(topic);
  }

  now(): number {
    return this.clock.now();
  }

  /** `n` random bytes as lowercase hex (phone_code_hash, tokens). */
  randomHex(n: number): string {
    return bytesToHex(this.random.bytes(n));
  }

  /** A random positive int64 (srp_id, hashes). */
  randomLong(): bigint {
    return bytesToBigint(this.random.bytes(8)) & 0x7fffffffffffffffn;
  }

  /** A random decimal code of `length` digits. */
  randomCode(length = 5): string {
    const bytes = this.random.bytes(length);
    let out = '';
    for (const b of bytes) out += String(b % 10);
    return out;
  }

  /** Drops expired records; the cluster calls this periodically. */
  sweep(): void {
    for (const m of [this.logins, this.qrTokens, this.exports, this.srp, this.futureTokens]) m.sweep(60_000);
    this.passkeyChallenges.sweep();
    this.pnvIntents.sweep(60_000);
    this.pnvSignUps.sweep(60_000);
    this.recoveryCodes.sweep();
  }
}
