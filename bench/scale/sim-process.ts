/**
 * The scale bench's second process: a simulator on 127.0.0.1 (node:crypto) with `count` accounts
 * 999661YYYY on DC 1 (login code 11111), then ONE JSON line with its config on stdout. Runs until
 * stdin closes or SIGTERM; when stdin closes it first writes a second JSON line, what serving cost
 * it: CPU seconds and its event-loop delay (how long a request could wait to be read).
 * Usage: tsx bench/scale/sim-process.ts <count>
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startSimulatorHost } from '../../src/adapters/node/index.js';

const count = Number(process.argv[2] ?? '1000');
if (!Number.isInteger(count) || count < 1 || count > 10_000) throw new RangeError(`count ${process.argv[2]} is not 1..10000`);
// A high sendCode limit is not needed: every engine uses its own number once. Codes live an hour,
// not Telegram's minutes: the bench holds every engine at waitCode until the last one arrives, and at
// 10,000 engines that phase took ~15 min here: the first codes (5 min TTL) expire before they are
// submitted (the one 10,000 run so far: 4,313 logins did not reach ready, most likely this).
// Every engine keys DC 1 at once (with PFS two exchanges, one after the other; 2 x count leaves room
// for exchanges a client abandoned, held 10 min). Past 4096 (the default) DC 1 forgot the least
// recently active exchange and its engine restarted on -404: at 3,000 engines with the limit scaled
// down to 1,200 (as 4096 is to 10,000), 4,270 exchanges restarted, 2,055 of them after the server
// had done their RSA and DH work.
const maxPendingExchanges = Math.max(4096, 2 * count);
const host = await startSimulatorHost({ control: false, dcCount: 2, settings: { codeTtlMs: 60 * 60_000 }, maxPendingExchanges });
for (let i = 0; i < count; i++) host.simulator.accounts.create({ phone: `999661${String(i).padStart(4, '0')}`, dcId: 1, firstName: 'Scale' });
const eld = monitorEventLoopDelay({ resolution: 10 });
eld.enable();
const cpu0 = process.cpuUsage();
process.stdout.write(`${JSON.stringify(host.config)}\n`);
const stop = () => void host.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.stdin.on('end', () => {
  const cpu = process.cpuUsage(cpu0);
  const ms = (ns: number) => Math.round(ns / 1e6);
  process.stdout.write(`${JSON.stringify({ cpuS: (cpu.user + cpu.system) / 1e6, loopDelayP99Ms: ms(eld.percentile(99)), loopDelayMaxMs: ms(eld.max) })}\n`);
  stop();
});
process.stdin.resume();
