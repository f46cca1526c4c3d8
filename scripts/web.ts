/**
 * `npm run web`: the simulator (TCP and WebSocket per DC, control API) and the browser demo
 * together, with demo accounts seeded. Open the printed URL; codes arrive in the simulator console's
 * inbox (its URL is printed too), where QR logins are approved with one click.
 */
import { startSimulatorHost, type SimulatorHost } from '../src/adapters/node/index.js';
import { startWebDemo } from './web-demo.js';

/** The accounts a newcomer can try (same numbers as `tgauth login`). */
export async function seedWebDemoAccounts(host: SimulatorHost): Promise<void> {
  const sim = host.simulator;
  sim.accounts.create({ phone: '9996621234', dcId: 2, firstName: 'Demo', lastName: 'User' });
  const twofa = sim.accounts.create({ phone: '9996631234', dcId: 3, firstName: 'Twofa', lastName: 'User' });
  await sim.setPassword(twofa.id, 'hunter2', { hint: 'hunter2', recoveryEmail: 'twofa@example.com' });
  sim.accounts.create({ phone: '9996641234', dcId: 4, firstName: 'Scanner', lastName: 'Phone' });
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 5173);
  const host = await startSimulatorHost({});
  await seedWebDemoAccounts(host);
  const demo = await startWebDemo(host.config, { port });
  const control = host.config.controlUrl!;
  const scanner = host.simulator.accounts.list().find((a) => a.phone === '9996641234')!;
  process.stdout.write(
    [
      `tgauth web demo: ${demo.url}`,
      `simulator: ${host.config.dcs.map((d) => `DC${d.id} ws://${d.host}:${d.wsPort}/apiws`).join(', ')}`,
      `accounts: 9996621234 (DC2), 9996631234 (DC3, 2FA password "hunter2"), any other number signs up`,
      `simulator console: ${host.config.consoleUrl}  (login codes in its inbox, one-click QR approval, accounts, RPC log, clock, faults)`,
      `or by hand: curl ${control}/inbox/<phone>`,
      `            curl -X POST ${control}/qr/approve -d '{"token":"<tg://login link from the AuthView panel>","userId":"${scanner.id}"}'`,
      'Ctrl-C stops both.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await demo.close();
  await host.close();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
