/**
 * The simulator cluster (docs/ARCHITECTURE.md "The simulator"): `dcCount` DCs in one process
 * sharing one state (accounts, keys, logins) and one RSA key. The host (CLI, tests, load script)
 * owns the sockets: it hands each accepted byte stream to `acceptStream`, which detects the codec
 * (abridged, intermediate, padded, full, each optionally obfuscated2) and serves MTProto on it.
 * The control API (`inbox`, `accounts`, `approveQr`, `issueFirebasePnvToken`, `clock`, `faults`, `sessions`,
 * `keys`) is here.
 */
import {
  SIMULATOR_RSA_PRIVATE_KEY_PEM,
  computeSrpVerifier,
  parseRsaPrivateKey,
  pureCrypto,
  secureRandom,
  type CryptoProvider,
  type Random,
  type RsaPrivateKey,
} from '../../crypto/index.js';
import {
  ServerCodec,
  framedDuplex,
  type ByteStream,
  type Clock,
  type Duplex,
} from '../../transport/index.js';
import { SimulatorError } from '../errors.js';
import { normalizePhone, type AccountStore } from '../state/accounts.js';
import type { InboxMessage } from '../state/inbox.js';
import { SRP_G, SRP_PRIME } from '../state/password-setup.js';
import { SimState, type SimNotice, type SimSettings } from '../state/sim-state.js';
import type { SimClock } from '../state/sim-clock.js';
import { ConnectionGuards, DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from './connection-limits.js';
import { DcServer } from './dc-server.js';
import { DhPool } from './dh-pool.js';
import { Faults } from './faults.js';
import { listKeys, listSessions, type KeyInfo, type SessionInfo } from './listings.js';
import { approveQr } from './qr-approval.js';
import { fingerprintHex, rsaPublicKeyPem } from './rsa-public-pem.js';

/** Options of {@link createSimulator}. */
export interface SimulatorOptions {
  /** Number of DCs, ids 1..dcCount (default 5, as Telegram has). */
  dcCount?: number;
  /** Real time: msg_id windows, timers, the fault delay. The control API's clock runs ahead of it. */
  clock: Clock;
  /** Randomness for keys, nonces, codes (default: the platform CSPRNG). */
  random?: Random;
  /** Crypto backend (default pure TS; pass a platform backend for speed). */
  crypto?: CryptoProvider;
  /** The cluster's RSA key, parsed or as PEM (default: the bundled simulator key). */
  rsaPrivateKey?: RsaPrivateKey | string;
  /** The DC "this IP" belongs to (NETWORK_MIGRATE target, nearest_dc). */
  ipDc?: number;
  settings?: Partial<SimSettings>;
  /**
   * DH pairs (key exchange a/g_a, 2FA b) to keep ready, made while the process is idle as a real
   * server does off the request path (cluster/dh-pool.ts). Default 0: each is made when needed.
   */
  dhPool?: number;
  /**
   * Key exchanges each DC keeps at once (default 4096); past it the least recently active one is
   * forgotten and its client gets -404 on its next step. A load test that runs more handshakes at
   * once than this (the scale bench: one per engine) raises it, or it measures restarts.
   */
  maxPendingExchanges?: number;
  /**
   * Per-connection limits of `acceptStream` (connection-limits.ts: idle 300 s, handshake 120 s,
   * 1 MiB frames, 64 MiB of partial frames in all). Default off in process (tests drive time by
   * hand); `startSimulatorHost` and `tgauth sim` turn them on.
   */
  limits?: Partial<ConnectionLimits> | boolean;
}

/** Where one DC listens, as the host reports it. */
export interface DcListenAddress {
  id: number;
  host: string;
  tcpPort: number;
  wsPort?: number;
}

/** The JSON the CLI prints on start. */
export interface SimulatorConfig {
  dcs: DcListenAddress[];
  rsaPublicKeyPem: string;
  /** The RSA fingerprint as 16 hex digits. */
  fingerprint: string;
  controlUrl?: string;
}

/** A running simulator. */
export class Simulator {
  readonly state: SimState;
  readonly faults: Faults;
  readonly rsaKey: RsaPrivateKey;
  private readonly dcs: DcServer[] = [];
  private readonly crypto: CryptoProvider;
  private readonly random: Random;
  private addresses: DcListenAddress[] = [];
  private controlUrl: string | undefined;
  private sweepTimer: unknown;
  private readonly dhPool: DhPool | undefined;
  private readonly guards: ConnectionGuards | undefined;
  private closed = false;

  constructor(private readonly options: SimulatorOptions) {
    const dcCount = options.dcCount ?? 5;
    if (!Number.isInteger(dcCount) || dcCount < 1 || dcCount > 1000)
      throw new SimulatorError(`dcCount ${dcCount} is not 1..1000`);
    this.random = options.random ?? secureRandom;
    this.crypto = options.crypto ?? pureCrypto;
    const rsa = options.rsaPrivateKey ?? SIMULATOR_RSA_PRIVATE_KEY_PEM;
    this.rsaKey = typeof rsa === 'string' ? parseRsaPrivateKey(rsa) : rsa;
    const settings = {
      ...options.settings,
      dcCount,
      ...(options.ipDc === undefined ? {} : { ipDc: options.ipDc }),
    };
    this.state = new SimState(options.clock, this.random, settings, this.crypto);
    if (options.dhPool) {
      this.dhPool = new DhPool({ size: options.dhPool, clock: options.clock, random: this.random, crypto: this.crypto });
      this.state.dhPool = this.dhPool;
    }
    this.faults = new Faults(options.clock, () => this.dcs.reduce((n, dc) => n + dc.dropConnections(), 0));
    for (let dcId = 1; dcId <= dcCount; dcId++) {
      const dc = new DcServer({
        dcId,
        state: this.state,
        clock: options.clock,
        random: this.random,
        crypto: this.crypto,
        rsaKey: this.rsaKey,
        faults: this.faults,
        ...(options.maxPendingExchanges === undefined ? {} : { maxPendingExchanges: options.maxPendingExchanges }),
      });
      this.dcs.push(dc);
    }
    this.state.pushUpdate = (authKeyId, updates) => {
      const key = this.state.keys.get(authKeyId);
      if (key) this.dc(key.dcId)?.pushUpdate(authKeyId, updates);
    };
    if (options.limits) {
      const limits = { ...DEFAULT_CONNECTION_LIMITS, ...(options.limits === true ? {} : options.limits) };
      this.guards = new ConnectionGuards(options.clock, limits);
    }
    this.scheduleSweep();
  }

  /** The connection limits in force, what all connections hold now, and who was closed by one. */
  get connectionLimits(): { limits: ConnectionLimits; buffered: number; closed: ConnectionGuards['closed'] } | undefined {
    const g = this.guards;
    return g ? { limits: { ...g.limits }, buffered: g.buffered, closed: { ...g.closed } } : undefined;
  }

  /** Simulator time; `clock.advance(ms)` expires codes, tokens and temp keys without waiting. */
  get clock(): SimClock {
    return this.state.clock;
  }

  get accounts(): AccountStore {
    return this.state.accounts;
  }

  get dcCount(): number {
    return this.dcs.length;
  }

  /** Serves a raw byte stream on DC `dcId`; the transport is detected from the first bytes. */
  acceptStream(dcId: number, stream: ByteStream): void {
    const dc = this.dc(dcId);
    if (this.closed || !dc) return stream.close();
    const guards = this.guards;
    const codec = new ServerCodec({ crypto: this.crypto, random: this.random, ...(guards ? { maxFrameLength: guards.limits.maxFrameBytes } : {}) });
    if (!guards) return dc.accept(framedDuplex(stream, codec));
    const guarded = guards.guard(stream, codec);
    dc.accept(framedDuplex(guarded.stream, codec), guarded.guard);
  }

  /** Serves an already framed connection on DC `dcId`. */
  acceptDuplex(dcId: number, duplex: Duplex): void {
    const dc = this.dc(dcId);
    if (this.closed || !dc) return duplex.close();
    dc.accept(duplex);
  }

  /** The real listening addresses, listed by help.getConfig and printed by `config()`. */
  setAddresses(dcs: readonly DcListenAddress[]): void {
    this.addresses = dcs.map((d) => ({ ...d }));
    this.state.dcs = dcs.map((d) => ({
      id: d.id,
      host: d.host,
      port: d.tcpPort,
      ...(d.wsPort === undefined ? {} : { wsPort: d.wsPort }),
    }));
  }

  /** Where the HTTP control API listens (printed by `config()`). */
  setControlUrl(url: string | undefined): void {
    this.controlUrl = url;
  }

  config(): SimulatorConfig {
    const dcs = this.dcs.map(
      (dc) => this.addresses.find((a) => a.id === dc.dcId) ?? { id: dc.dcId, host: '127.0.0.1', tcpPort: 0 },
    );
    const out: SimulatorConfig = {
      dcs,
      rsaPublicKeyPem: rsaPublicKeyPem(this.rsaKey),
      fingerprint: fingerprintHex(this.rsaKey.fingerprint),
    };
    if (this.controlUrl !== undefined) out.controlUrl = this.controlUrl;
    return out;
  }

  /**
   * Calls `listener` with the DC and method name of every request the cluster receives (including
   * what a client's transport sends on its own, like auth.bindTempAuthKey); returns a remover.
   */
  onCall(listener: (call: { dcId: number; method: string }) => void): () => void {
    this.state.callListeners.add(listener);
    return () => this.state.callListeners.delete(listener);
  }

  /**
   * Calls `listener` with every bad_msg_notification and bad_server_salt a DC sends (which message,
   * its constructor, the error code); returns a remover. Interop tests assert a peer client gets none
   * it did not earn.
   */
  onNotice(listener: (notice: SimNotice) => void): () => void {
    this.state.noticeListeners.add(listener);
    return () => this.state.noticeListeners.delete(listener);
  }

  /** Codes and e-mails delivered to a phone number or an e-mail address, oldest first. */
  inbox(phoneOrEmail: string): InboxMessage[] {
    return this.state.inbox.read(phoneOrEmail.includes('@') ? phoneOrEmail : normalizePhone(phoneOrEmail));
  }

  /** Accepts a QR login token as `userId` (what acceptLoginToken does from a logged-in app). */
  approveQr(token: Uint8Array | string, userId: bigint): void {
    approveQr(this.state, token, userId);
  }

  /**
   * Plays the phone's credential provider and Firebase for a Firebase PNV login: the Google token that
   * proves `phone` for the intent's `nonce` (auth.initFirebasePnvLogin), signed by the simulator's own
   * issuer key so that only auth.finishFirebasePnvLogin here accepts it.
   */
  issueFirebasePnvToken(phone: string, nonce: string): string {
    return this.state.pnvIssuer.issue(normalizePhone(phone), nonce, this.state.clock.seconds());
  }

  /** Sets (or with `undefined` removes) an account's 2FA password; only the SRP verifier is kept. */
  async setPassword(
    userId: bigint,
    password: string | undefined,
    extra: { hint?: string; recoveryEmail?: string } = {},
  ): Promise<void> {
    if (!this.state.accounts.get(userId)) throw new SimulatorError(`no account ${userId}`);
    if (password === undefined) {
      this.state.accounts.update(userId, { password: undefined });
      return;
    }
    const salt1 = this.random.bytes(40);
    const salt2 = this.random.bytes(16);
    const v = await computeSrpVerifier(password, salt1, salt2, SRP_G, SRP_PRIME, this.crypto);
    this.state.accounts.update(userId, { password: { salt1, salt2, g: SRP_G, p: SRP_PRIME, v, ...extra } });
  }

  /** Settles the pending paid login of `phone` (what the store purchase would do); returns false if none. */
  setPaymentOutcome(phone: string, outcome: 'paid' | 'failed'): boolean {
    const digits = phone.replace(/\D/g, '');
    let found = false;
    for (const login of this.state.logins.values()) {
      if (login.phone === digits && login.paymentPending) {
        login.paymentOutcome = outcome;
        found = true;
      }
    }
    return found;
  }

  sessions(): SessionInfo[] {
    return listSessions(this.state, this.dcs);
  }

  keys(dcId?: number): KeyInfo[] {
    return listKeys(this.state, dcId);
  }

  /** Live connections per DC id. */
  connectionCounts(): Record<number, number> {
    return Object.fromEntries(this.dcs.map((dc) => [dc.dcId, dc.connectionCount]));
  }

  /** Drops every connection and stops the housekeeping timer. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.options.clock.clearTimeout(this.sweepTimer);
    this.dhPool?.close();
    this.faults.dropConnections();
  }

  private dc(dcId: number): DcServer | undefined {
    return Number.isInteger(dcId) ? this.dcs[dcId - 1] : undefined;
  }

  private scheduleSweep(): void {
    this.sweepTimer = this.options.clock.setTimeout(() => {
      this.state.sweep();
      if (!this.closed) this.scheduleSweep();
    }, 60_000);
  }
}

/** Creates a simulator cluster; the host connects it to listeners (or memory pipes in tests). */
export function createSimulator(options: SimulatorOptions): Simulator {
  return new Simulator(options);
}
