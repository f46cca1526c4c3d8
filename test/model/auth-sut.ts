/**
 * The system under test of the root-machine model: the real engine (createAuthEngine) on the
 * in-process simulator, started on a chosen session store (empty, a session imported from a
 * Pyrogram session string, garbage) that can be told to refuse writes, with a host passkey
 * authenticator whose behaviour each step chooses, and optionally on a host `AuthRpc` (the built-in
 * transport wrapped, its update stream able to fail). Every actor's inspection feeds the recorder.
 */
import { merge, Subject } from 'rxjs';
import { nodeCrypto } from '../../src/adapters/crypto/index.js';
import { sessionOf } from '../../src/adapters/session-strings/index.js';
import { fromPyrogramSession, toPyrogramSession } from '../../src/adapters/session-strings/index.js';
import { authKeyIdLong } from '../../src/machines/dc-key/bind-temp-key.js';
import {
  createAuthEngine,
  createTransportRpc,
  encodeSession,
  memoryStore,
  resolveDcs,
  SessionKeeper,
  type AuthEngine,
  type AuthRpc,
  type PasskeyAuthenticator,
  type SessionStore,
} from '../../src/machines/index.js';
import { fixedRandom } from '../helpers/fixed-random.js';
import { account, API, type World } from '../integration/sim-world.js';
import type { CoverageRecorder } from './coverage.js';
import type { StoredSession } from './auth.model.js';
import { waitIdle, type Sut } from './sut.js';

/** A memory store whose writes fail while `failing` is set (a full or read-only disk). */
export interface FlakyStore extends SessionStore {
  failing: boolean;
}

function flakyStore(initial?: Uint8Array): FlakyStore {
  const inner = memoryStore(initial);
  const store: FlakyStore = {
    failing: false,
    load: () => inner.load(),
    save: (bytes) => (store.failing ? Promise.reject(new Error('EROFS: read-only file system')) : inner.save(bytes)),
    clear: () => inner.clear(),
  };
  return store;
}

export interface AuthSut extends Sut {
  readonly engine: AuthEngine;
  readonly store: FlakyStore;
  /** Every `command.rejected` the engine emitted, by command type. */
  readonly rejected: string[];
  /** What the host authenticator does on the next passkey.start. */
  setAuthenticator(getAssertion: PasskeyAuthenticator['getAssertion']): void;
  /** Host AuthRpc only: errors its update stream. */
  failUpdates(error: Error): void;
  /** The user the imported session belongs to (store 'imported'). */
  readonly importedUserId: bigint | undefined;
}

let seq = 0;

/**
 * A session of a DC-1 account as `tgauth session import` would store it from a Pyrogram string:
 * the simulator holds the permanent key (authorized two days ago), the string carries key and user.
 */
function importedSession(world: World): { bytes: Uint8Array; userId: bigint } {
  const user = account(world, { dcId: 1 });
  const key = fixedRandom(`model-auth-key-${seq++}`).bytes(256);
  const now = world.sim.state.now();
  const at = now - 2 * 86_400_000;
  world.sim.state.keys.add({
    id: authKeyIdLong(key, nodeCrypto),
    dcId: 1,
    key,
    kind: 'perm',
    createdAt: at,
    userId: user.id,
    authorizedAt: at,
  });
  const text = toPyrogramSession({ dcId: 1, authKey: key, userId: user.id, apiId: API.apiId });
  return { bytes: encodeSession(sessionOf(fromPyrogramSession(text))), userId: user.id };
}

const CORRUPT = new TextEncoder().encode('{"v":1,"homeDcId":');

/** The engine of one model path. */
export function authSut(
  world: World,
  recorder: CoverageRecorder,
  options: { store: StoredSession; rpc: 'builtIn' | 'host' },
): AuthSut {
  const imported = options.store === 'imported' ? importedSession(world) : undefined;
  const store = flakyStore(imported?.bytes ?? (options.store === 'corrupt' ? CORRUPT : undefined));
  let getAssertion: PasskeyAuthenticator['getAssertion'] = () => Promise.reject(new Error('no passkey chosen'));
  const passkey: PasskeyAuthenticator = { getAssertion: (request, signal) => getAssertion(request, signal) };
  const updatesFailure = new Subject<never>();
  let closeHostRpc = (): void => undefined;
  let engine: AuthEngine;
  if (options.rpc === 'host') {
    const resolved = resolveDcs(world.config);
    const transport = createTransportRpc({
      dcs: resolved.addresses,
      rsaKeys: resolved.rsaKeys,
      dial: world.dial,
      clock: world.clock,
      apiId: API.apiId,
      // The host's transport keeps its own keys (the engine's store holds the login only).
      keys: new SessionKeeper(memoryStore(), 1),
      random: fixedRandom(`model-auth-rpc-${seq++}`),
      crypto: nodeCrypto,
      inspect: recorder.inspect,
      pingIntervalMs: 0,
    });
    const rpc: AuthRpc = {
      invoke: (dcId, request) => transport.invoke(dcId, request),
      updates$: merge(transport.updates$, updatesFailure),
      permAuthKeyId: (dcId) => transport.permAuthKeyId?.(dcId) ?? Promise.resolve(undefined),
    };
    closeHostRpc = () => transport.close();
    engine = createAuthEngine({
      ...API,
      rpc,
      dcs: world.config,
      clock: world.clock,
      store,
      passkey,
      random: fixedRandom(`model-auth-engine-${seq++}`),
      crypto: nodeCrypto,
      inspect: recorder.inspect,
    });
  } else {
    engine = world.engine({ store, passkey, inspect: recorder.inspect });
  }
  const rejected: string[] = [];
  engine.on('command.rejected', (e) => rejected.push(e.command));
  return {
    world,
    engine,
    store,
    rejected,
    importedUserId: imported?.userId,
    view: () => engine.getSnapshot(),
    send: (c) => engine.send(c),
    idle: () => waitIdle(() => engine.getSnapshot()),
    stop: () => {
      engine.stop();
      closeHostRpc();
    },
    setAuthenticator: (f) => (getAssertion = f),
    failUpdates: (error) => updatesFailure.error(error),
  };
}
