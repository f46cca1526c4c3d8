/**
 * State configs the per-DC key machine uses more than once (dc-key/machine.ts): the three awaits of
 * a DH exchange, a temp-key exchange (core.telegram.org/api/pfs) and the auth.bindTempAuthKey step (core.telegram.org/method/auth.bindTempAuthKey),
 * each parameterised by where it goes next, so first bind and rotation share one definition.
 *
 * Its descriptions live in dc-key/descriptions.ts, out of the runtime bundle (issue 11).
 */
import type { PendingTempKey } from './actors.js';
import type { Sealed } from '../core/index.js';

/** The three awaits of one DH exchange (permanent or temporary: the steps are the same). */
export const handshakeSteps = {
  awaitingResPq: { on: { 'plain.received': { target: 'awaitingServerDhParams', actions: 'answerResPq' } } },
  awaitingServerDhParams: {
    on: { 'plain.received': { target: 'awaitingDhGenAnswer', actions: 'answerServerDhParams' } },
  },
  awaitingDhGenAnswer: {
    on: { 'plain.received': { actions: 'answerDhGen' } },
  },
} as const;

/** A temp-key exchange (core.telegram.org/api/pfs) that goes to `done` with the key held for its bind, or to `fail`. */
export function tempKeySteps(done: string, fail: string) {
  return {
    initial: 'awaitingResPq',
    entry: 'startTempExchange',
    invoke: { id: 'plainLink', src: 'plainLink' },
    on: {
      'exchange.failed': { target: fail, actions: 'recordFailure' },
      'plain.failed': { target: fail, actions: 'recordFailure' },
      'exchange.done': { target: done, actions: 'holdTempKey' },
    },
    states: handshakeSteps,
  } as const;
}

/** auth.bindTempAuthKey (core.telegram.org/method/auth.bindTempAuthKey); an unknown permanent key restarts from a new permanent key. */
export function bindStep(done: string, fail: string, rotation = false) {
  return {
    invoke: {
      src: 'bindTempKey',
      input: ({ context }: { context: { pendingTemp?: Sealed<PendingTempKey> | undefined } }) => ({
        temp: context.pendingTemp!,
      }),
      onDone: {
        target: done,
        actions: rotation ? (['announceTempKey', 'countRotation'] as const) : (['announceTempKey'] as const),
      },
      onError: [
        {
          guard: 'isPermKeyUnknown',
          target: '#dcKey.exchangingPermKey',
          actions: ['recordFailure', 'losePermKey'],
        },
        { target: fail, actions: 'recordFailure' },
      ],
    },
  } as const;
}
