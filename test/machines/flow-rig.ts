/**
 * A root actor wired like `createAuthEngine` but with the QR clock and a passkey authenticator
 * (the engine facade does not pass those yet), over the stub RPC with a pushable `updates$`.
 */
import { Subject } from 'rxjs';
import { createActor } from 'xstate';
import type { TlObject } from '../../src/tl/index.js';
import {
  authMachine,
  authViewOf,
  createAuthActors,
  memoryStore,
  SessionKeeper,
  type AuthCommand,
  type AuthView,
  type PasskeyAuthenticator,
  type SessionStore,
} from '../../src/machines/index.js';
import { sealCommand } from '../../src/machines/flow-kit/commands.js';
import { ManualClock } from '../helpers/manual-clock.js';
import { fixedRandom } from '../helpers/fixed-random.js';
import { fakeSrp, settle, stubRpc, type Handlers, type StubRpc } from './harness.js';

export interface FlowRig {
  rpc: StubRpc;
  clock: ManualClock;
  session: SessionKeeper;
  updates: Subject<{ dcId: number; update: TlObject }>;
  view(): AuthView;
  send(command: AuthCommand): Promise<void>;
  /** Advances the clock by `ms` and lets promises settle. */
  advance(ms: number): Promise<void>;
  rejected: string[];
  /** The root's persisted snapshot as JSON (what a snapshot store would keep). */
  persisted(): string;
  stop(): void;
}

export async function flowRig(
  handlers: Handlers,
  options: { store?: SessionStore; passkey?: PasskeyAuthenticator; permAuthKeyId?: (dcId: number) => bigint | undefined } = {},
): Promise<FlowRig> {
  const updates = new Subject<{ dcId: number; update: TlObject }>();
  const base = stubRpc(handlers);
  const rpc: StubRpc = {
    calls: base.calls,
    callsOf: base.callsOf,
    invoke: base.invoke,
    updates$: updates,
    ...(options.permAuthKeyId ? { permAuthKeyId: (dc: number) => Promise.resolve(options.permAuthKeyId!(dc)) } : {}),
  };
  const clock = new ManualClock();
  const session = new SessionKeeper(options.store ?? memoryStore(), 2);
  const machine = authMachine.provide({
    actors: createAuthActors({
      rpc,
      apiId: 12345,
      apiHash: 'hash',
      session,
      random: fixedRandom('flows'),
      srp: fakeSrp(),
      clock,
      ...(options.passkey ? { passkey: options.passkey } : {}),
    }),
  });
  const actor = createActor(machine, { input: { defaultDcId: 2 }, clock });
  const rejected: string[] = [];
  actor.on('command.rejected', (e) => rejected.push(e.command));
  actor.start();
  await settle();
  return {
    rpc,
    clock,
    session,
    updates,
    rejected,
    view: () => authViewOf(actor.getSnapshot()),
    async send(command) {
      actor.send(sealCommand(command));
      await settle();
      await settle();
    },
    async advance(ms) {
      clock.advance(ms);
      await settle();
      await settle();
    },
    persisted: () => JSON.stringify(actor.getPersistedSnapshot(), (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)),
    stop: () => actor.stop(),
  };
}
