/**
 * The connection watchdog on its own (src/transport/connection/liveness.ts), on the manual clock:
 * silence while calls wait is probed with a ping, a probe or keepalive ping that stays unanswered
 * for the pong deadline declares the connection dead, and any inbound frame keeps it alive. The
 * socket-level behaviour (a black-holed connection re-sends its calls) is in
 * test/integration/liveness-sockets.test.ts; these are the deadlines exactly.
 */
import { describe, expect, it } from 'vitest';
import { Liveness } from '../../../src/transport/connection/liveness.js';
import { ManualClock } from '../../helpers/manual-clock.js';

const SILENCE = 10_000;
const PONG = 5_000;

function watchdog(pending = true) {
  const clock = new ManualClock();
  const events: string[] = [];
  const host = {
    pending,
    hasPending: () => host.pending,
    probe: () => events.push(`probe@${clock.now() - start}`),
    dead: () => events.push(`dead@${clock.now() - start}`),
  };
  const start = clock.now();
  const liveness = new Liveness(clock, SILENCE, PONG, host);
  return { clock, events, host, liveness };
}

describe('Liveness', () => {
  it('probes after the silence deadline and declares the connection dead one pong deadline later', () => {
    const { clock, events, liveness } = watchdog();
    liveness.arm();
    clock.advance(SILENCE - 1);
    expect(events).toEqual([]);
    clock.advance(1);
    expect(events).toEqual([`probe@${SILENCE}`]);
    clock.advance(PONG - 1);
    expect(events).toEqual([`probe@${SILENCE}`]);
    clock.advance(1);
    expect(events).toEqual([`probe@${SILENCE}`, `dead@${SILENCE + PONG}`]);
  });

  it('an unanswered keepalive ping is fatal after the pong deadline, with no call pending', () => {
    const { clock, events, liveness } = watchdog(false);
    liveness.expectPong();
    clock.advance(PONG);
    expect(events).toEqual([`dead@${PONG}`]);
  });

  it('a pong (any inbound frame) within the deadline keeps the connection', () => {
    const { clock, events, host, liveness } = watchdog(false);
    liveness.expectPong();
    clock.advance(PONG - 1);
    liveness.inbound++;
    clock.advance(1);
    // Answered, and nothing else waits: the watchdog goes quiet until the next call.
    clock.advance(10 * SILENCE);
    expect(events).toEqual([]);
    expect(clock.pending).toBe(0);
    host.pending = true;
    liveness.arm();
    clock.advance(SILENCE + PONG);
    expect(events).toEqual([`probe@${11 * SILENCE + PONG}`, `dead@${11 * SILENCE + 2 * PONG}`]);
  });

  it('an answer to the probe keeps the connection and starts a new silence period', () => {
    const { clock, events, liveness } = watchdog();
    liveness.arm();
    clock.advance(SILENCE);
    liveness.inbound++;
    clock.advance(PONG);
    expect(events).toEqual([`probe@${SILENCE}`]);
    // A new full silence period is watched before the next probe.
    clock.advance(SILENCE - 1);
    expect(events).toEqual([`probe@${SILENCE}`]);
    clock.advance(1);
    expect(events).toEqual([`probe@${SILENCE}`, `probe@${2 * SILENCE + PONG}`]);
  });

  it('frames arriving during the silence period postpone the probe to the next period', () => {
    const { clock, events, liveness } = watchdog();
    liveness.arm();
    clock.advance(SILENCE / 2);
    liveness.inbound++;
    clock.advance(SILENCE / 2);
    expect(events).toEqual([]);
    clock.advance(SILENCE);
    expect(events).toEqual([`probe@${2 * SILENCE}`]);
  });

  it('does not probe when the calls were answered during the silence period', () => {
    const { clock, events, host, liveness } = watchdog();
    liveness.arm();
    clock.advance(SILENCE - 1);
    host.pending = false;
    clock.advance(1);
    expect(events).toEqual([]);
    expect(clock.pending).toBe(0);
  });

  it('arms once per period however often it is asked, and stop() cancels the deadline', () => {
    const { clock, events, liveness } = watchdog();
    for (let i = 0; i < 100; i++) liveness.arm();
    expect(clock.pending).toBe(1);
    liveness.stop();
    expect(clock.pending).toBe(0);
    clock.advance(SILENCE + PONG);
    expect(events).toEqual([]);
  });

  it('reset() forgets the old connection: its frames and deadline do not count for the new one', () => {
    const { clock, events, liveness } = watchdog();
    liveness.arm();
    liveness.inbound = 7;
    liveness.reset();
    expect(liveness.inbound).toBe(0);
    expect(clock.pending).toBe(0);
    liveness.arm();
    clock.advance(SILENCE + PONG);
    expect(events).toEqual([`probe@${SILENCE}`, `dead@${SILENCE + PONG}`]);
  });

  it('a zero silence deadline disables the watchdog; a zero pong deadline disables the keepalive check', () => {
    const clock = new ManualClock();
    const host = { hasPending: () => true, probe: () => expect.fail('probed'), dead: () => expect.fail('dead') };
    new Liveness(clock, 0, PONG, host).arm();
    new Liveness(clock, SILENCE, 0, host).expectPong();
    expect(clock.pending).toBe(0);
  });
});
