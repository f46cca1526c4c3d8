/**
 * The accounts every simulator started by the CLI has (`tgauth sim`, `tgauth login`, `npm start`),
 * so the README's test numbers log in to a known user instead of signing up a new one.
 */
import type { Simulator } from '../../simulator/index.js';

/** The demo accounts, as the README and `tgauth --help` list them. */
export const DEMO_ACCOUNTS = {
  /** Phone login; its code (22222, DC 2) arrives in the simulator inbox. */
  plain: { phone: '9996621234', dcId: 2, firstName: 'Demo', lastName: 'User' },
  /** Phone login plus the 2FA password `hunter2`, recoverable by e-mail. */
  twofa: { phone: '9996631234', dcId: 3, firstName: 'Twofa', lastName: 'User' },
  /** Bot token login. */
  bot: { botToken: '123456:demo-bot-token', dcId: 2, firstName: 'Demo Bot' },
} as const;

/** The 2FA password, hint and recovery address of `DEMO_ACCOUNTS.twofa`. */
export const DEMO_PASSWORD = { password: 'hunter2', hint: 'hunter2', recoveryEmail: 'twofa@example.com' } as const;

/** The lines that tell a newcomer what to try. */
export const DEMO_HINT = [
  'simulator running. Try:',
  '  9996621234          code arrives in the simulator inbox (shown below the prompt)',
  '  9996631234          code in the inbox, then the 2FA password hunter2 (or "recover")',
  '  any new 99966XYYYY  sign up (X = home DC 1-5)',
  '  qr                  a QR code; a second device approves it through the control API',
  '  bot 123456:demo-bot-token',
  '  pnv 9996621234      Firebase PNV: this "device" proves the number (any number; new ones sign up)',
];

/**
 * Creates the demo accounts on DCs the simulator has, skipping any an `--accounts` file already
 * made; returns the id of the plain user (it approves QR codes).
 */
export async function seedDemoAccounts(sim: Simulator): Promise<bigint> {
  const dc = (id: number): number => Math.min(id, sim.dcCount);
  const demo =
    sim.accounts.findByPhone(DEMO_ACCOUNTS.plain.phone) ?? sim.accounts.create({ ...DEMO_ACCOUNTS.plain, dcId: dc(2) });
  if (!sim.accounts.findByPhone(DEMO_ACCOUNTS.twofa.phone)) {
    const twofa = sim.accounts.create({ ...DEMO_ACCOUNTS.twofa, dcId: dc(3) });
    const { password, ...extra } = DEMO_PASSWORD;
    await sim.setPassword(twofa.id, password, extra);
  }
  if (!sim.accounts.findByBotToken(DEMO_ACCOUNTS.bot.botToken)) {
    sim.accounts.create({ ...DEMO_ACCOUNTS.bot, bot: true, dcId: dc(2) });
  }
  return demo.id;
}
