/**
 * `createTransportRpc`: the engine's `AuthRpc` port over the real transport. One `DcConnection`
 * per DC, opened on the first call to that DC; its key comes from the per-DC key machine (which
 * sequences the handshake over the connection's plain-message path) or from the key store. The
 * first request of every session is wrapped in invokeWithLayer(223, initConnection(...)) (§D.13).
 */
import { defer, Subject, throwError, type Observable } from 'rxjs';
import { createActor, type InspectionEvent } from 'xstate';
import { authKeyId, pureCrypto, secureRandom, type CryptoProvider, type Random, type RsaPublicKey } from '../../crypto/index.js';
import type { ResultOf, TlMethod, TlObject } from '../../tl/index.js';
import {
  DcConnection,
  type BackoffOptions,
  type Clock,
  type DcAddress,
  type DcAuthKey,
  type Dial,
  type Duplex,
  type InitConnectionParams,
} from '../../transport/index.js';
import { createDcKeyMachine, type DcKeyActor } from '../dc-key.machine.js';
import { AuthEngineError } from '../errors.js';
import type { AuthRpc } from '../ports.js';

/** Where keys live between runs (the engine's `SessionKeeper` is one). */
export interface DcKeyStore {
  authKey(dcId: number): DcAuthKey | undefined;
  setAuthKey(dcId: number, key: DcAuthKey): void;
  dropAuthKey(dcId: number): void;
}

/** Device information for initConnection; everything but `apiId` has a neutral default. */
export type DeviceInfo = Omit<InitConnectionParams, 'apiId' | 'layer'>;

export interface TransportRpcOptions {
  dcs: readonly DcAddress[];
  dial: Dial;
  clock: Clock;
  rsaKeys: readonly RsaPublicKey[];
  apiId: number;
  device?: Partial<DeviceInfo>;
  random?: Random;
  crypto?: CryptoProvider;
  /** Persists keys; default: kept in memory only. */
  keys?: DcKeyStore;
  inspect?: (event: InspectionEvent) => void;
  backoff?: BackoffOptions;
  /** Keepalive period; 0 disables it (tests on a manual clock). Default 60 s. */
  pingIntervalMs?: number;
  handshakeTimeoutMs?: number;
}

/** An `AuthRpc` that owns connections: close it when the engine stops. */
export interface TransportRpc extends AuthRpc {
  /** The key machine of a DC, once its connection exists. */
  keyActor(dcId: number): DcKeyActor | undefined;
  connection(dcId: number): DcConnection | undefined;
  close(): void;
}

const defaultDevice: DeviceInfo = {
  deviceModel: 'tgauth',
  systemVersion: 'unknown',
  appVersion: '0.1.0',
  systemLangCode: 'en',
  langCode: 'en',
};

/** A key store that forgets everything when the process ends. */
export function memoryKeyStore(): DcKeyStore {
  const keys = new Map<number, DcAuthKey>();
  return { authKey: (id) => keys.get(id), setAuthKey: (id, k) => void keys.set(id, k), dropAuthKey: (id) => void keys.delete(id) };
}

/** auth_key_id as the signed int64 TL carries (8 wire bytes, little-endian). */
const authKeyIdOf = (id: Uint8Array): bigint => new DataView(id.buffer, id.byteOffset, 8).getBigInt64(0, true);

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** Creates the transport-backed `AuthRpc`. */
export function createTransportRpc(options: TransportRpcOptions): TransportRpc {
  const random = options.random ?? secureRandom;
  const crypto = options.crypto ?? pureCrypto;
  const keys = options.keys ?? memoryKeyStore();
  const init: InitConnectionParams = { apiId: options.apiId, ...defaultDevice, ...options.device };
  const updates = new Subject<{ dcId: number; update: TlObject }>();
  const dcs = new Map<number, { connection: DcConnection; actor: DcKeyActor }>();
  let closed = false;

  function open(address: DcAddress): { connection: DcConnection; actor: DcKeyActor } {
    const dcId = address.dcId;
    let duplex: Duplex | undefined;
    let pending: { resolve(key: DcAuthKey): void; reject(error: unknown): void } | undefined;
    const machine = createDcKeyMachine({
      env: { random, crypto, now: () => options.clock.now() },
      rsaKeys: options.rsaKeys,
      clock: options.clock,
      currentDuplex: () => duplex,
      ...(options.handshakeTimeoutMs !== undefined ? { handshakeTimeoutMs: options.handshakeTimeoutMs } : {}),
    });
    const stored = keys.authKey(dcId);
    const actor = createActor(machine, {
      input: {
        dcId,
        ...(address.test ? { test: true } : {}),
        ...(address.media ? { media: true } : {}),
        ...(stored ? { storedKeyId: hex(authKeyId(stored.key, crypto)) } : {}),
      },
      clock: options.clock,
      ...(options.inspect ? { inspect: options.inspect } : {}),
    });
    actor.on('key.created', (e) => {
      const key = e.key.open();
      keys.setAuthKey(dcId, key);
      pending?.resolve(key);
      pending = undefined;
    });
    actor.on('key.failed', (e) => {
      pending?.reject(e.error);
      pending = undefined;
    });
    actor.on('key.dropped', () => keys.dropAuthKey(dcId));
    actor.start();
    const connection = new DcConnection({
      dc: address,
      dial: options.dial,
      clock: options.clock,
      random,
      crypto,
      init,
      ...(stored ? { authKey: stored } : {}),
      // The connection asks for a key on a fresh transport; the key machine runs the exchange on it.
      handshake: (link) =>
        new Promise<DcAuthKey>((resolve, reject) => {
          duplex = link;
          pending = { resolve, reject };
          actor.send({ type: 'transport.handshaking' });
        }),
      ...(options.backoff ? { backoff: options.backoff } : {}),
      ...(options.pingIntervalMs !== undefined ? { pingIntervalMs: options.pingIntervalMs } : {}),
    });
    connection.state$.subscribe((state) => {
      if (state === 'ready') actor.send({ type: 'transport.ready' });
      else if (state === 'reconnecting') actor.send({ type: 'transport.reconnecting' });
      else if (state === 'closed') actor.send({ type: 'transport.closed' });
    });
    connection.updates$.subscribe((update) => updates.next({ dcId, update }));
    return { connection, actor };
  }

  function entryFor(dcId: number): { connection: DcConnection; actor: DcKeyActor } {
    let entry = dcs.get(dcId);
    if (entry) return entry;
    const address = options.dcs.find((d) => d.dcId === dcId);
    if (!address) throw new AuthEngineError('dc.unknown', `no address for DC ${dcId}`);
    entry = open(address);
    dcs.set(dcId, entry);
    return entry;
  }

  return {
    updates$: updates.asObservable(),
    invoke<M extends TlMethod>(dcId: number, request: M): Observable<ResultOf<M>> {
      return defer(() => {
        if (closed) return throwError(() => new AuthEngineError('rpc.closed', 'the transport is closed'));
        return entryFor(dcId).connection.invoke(request);
      });
    },
    keyActor: (dcId) => dcs.get(dcId)?.actor,
    connection: (dcId) => dcs.get(dcId)?.connection,
    /** The id of the permanent key used on `dcId` (finishPasskeyLogin's from_auth_key_id), if one exists. */
    async permAuthKeyId(dcId) {
      const stored = keys.authKey(dcId);
      return stored ? authKeyIdOf(authKeyId(stored.key, crypto)) : undefined;
    },
    close() {
      if (closed) return;
      closed = true;
      for (const { connection, actor } of dcs.values()) {
        connection.close();
        actor.stop();
      }
      updates.complete();
    },
  };
}
