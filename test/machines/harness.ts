/**
 * Test harness for the machines: a stub `AuthRpc` answering per TL method (and recording every
 * call), a manual clock for every machine timer, and an engine wired to both. This is also the
 * seam for simulator integration: pass a transport-backed `AuthRpc` instead of `stubRpc`.
 */
import { defer, NEVER } from 'rxjs';
import type { TlMethod } from '../../src/tl/index.js';
import { RpcError } from '../../src/transport/index.js';
import { createAuthEngine, memoryStore, type AuthEngine, type AuthEngineOptions, type AuthRpc, type SrpCrypto } from '../../src/machines/index.js';
import { ManualClock } from '../helpers/manual-clock.js';
import { fixedRandom } from '../helpers/fixed-random.js';

type MethodName = TlMethod['_'];
/** An answer: a value, an `RpcError` to fail with, or a function of the request. */
export type Answer = unknown;
export type Handlers = Partial<Record<MethodName, (request: never, dcId: number) => Answer>>;

export interface StubRpc extends AuthRpc {
  readonly calls: { dcId: number; request: TlMethod }[];
  /** The calls of one method, in order. */
  callsOf(name: MethodName): { dcId: number; request: TlMethod }[];
}

/** An `AuthRpc` whose answers come from `handlers`; a thrown or returned RpcError fails the call. */
export function stubRpc(handlers: Handlers): StubRpc {
  const calls: { dcId: number; request: TlMethod }[] = [];
  return {
    calls,
    callsOf: (name) => calls.filter((c) => c.request._ === name),
    updates$: NEVER,
    invoke: ((dcId: number, request: TlMethod) =>
      defer(async () => {
        calls.push({ dcId, request });
        const handler = handlers[request._] as ((r: TlMethod, dc: number) => Answer) | undefined;
        if (!handler) throw new RpcError(400, `METHOD_NOT_STUBBED_${request._}`);
        const answer = handler(request, dcId);
        if (answer instanceof Error) throw answer;
        return answer;
      })) as AuthRpc['invoke'],
  };
}

/** Handlers built from a queue of answers per method (each call takes the next one; the last repeats). */
export function queued(answers: Partial<Record<MethodName, Answer[]>>): Handlers {
  const handlers: Handlers = {};
  for (const [name, list] of Object.entries(answers) as [MethodName, Answer[]][]) {
    let i = 0;
    handlers[name] = () => list[Math.min(i++, list.length - 1)];
  }
  return handlers;
}

/** A fake SRP: deterministic A/M1 that record the password they were given (tests only). */
export function fakeSrp(seen: string[] = []): SrpCrypto & { seen: string[] } {
  return {
    seen,
    computeSrpCheck: (params) => {
      seen.push(params.password);
      return Promise.resolve({ srpId: params.srpId, A: new Uint8Array([1]), M1: new TextEncoder().encode(params.password) });
    },
    computeSrpVerifier: (password) => new TextEncoder().encode(`v:${password}`),
  };
}

/** Lets every pending promise (stub RPCs, actor hand-offs) settle. */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export interface Rig {
  engine: AuthEngine;
  rpc: StubRpc;
  clock: ManualClock;
  rejected: string[];
  /** Advances the manual clock one second at a time, settling in between. */
  tick(seconds: number): Promise<void>;
}

/** An engine over a stub RPC and a manual clock, already settled into its first screen. */
export async function rig(handlers: Handlers, options: Partial<AuthEngineOptions> = {}): Promise<Rig> {
  const rpc = stubRpc(handlers);
  const clock = new ManualClock();
  const engine = createAuthEngine({
    apiId: 12345,
    apiHash: 'hash',
    rpc,
    clock,
    random: fixedRandom('machines'),
    srp: fakeSrp(),
    store: memoryStore(),
    ...options,
  });
  const rejected: string[] = [];
  engine.on('command.rejected', (e) => rejected.push(e.command));
  await settle();
  return {
    engine,
    rpc,
    clock,
    rejected,
    async tick(seconds) {
      for (let i = 0; i < seconds; i++) {
        clock.advance(1000);
        await settle();
      }
    },
  };
}

export const rpcError = (code: number, text: string): RpcError => new RpcError(code, text);
