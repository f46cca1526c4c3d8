/**
 * Issue 24 "Must show": teleproto (GramJS's maintained fork, layer 229) logs into the layer-229
 * simulator with its own flow (phone code, and 2FA with its own SRP), reads the layer-229 user, and
 * its StringSession round-trips through `tgauth session import/export --format teleproto`: the string
 * tgauth exports again makes an authorized teleproto call, the file tgauth imported answers the
 * engine's calls as the user, and a tgauth login exported the same way is one teleproto can use.
 * Real clock and real TCP on loopback (teleproto stamps msg_ids with Date.now()).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CliOptions } from '../../src/adapters/cli/cli-options.js';
import { runSession } from '../../src/adapters/cli/session-command.js';
import type { SimulatorHost } from '../../src/adapters/node/index.js';
import { fileStore } from '../../src/adapters/store/index.js';
import type { AuthEngine, SessionStore } from '../../src/machines/index.js';
import { LAYER, type TlMethods } from '../../src/tl/index.js';
import { startLowPortHost, tcpEngine, within } from './gramjs-helpers.js';
import { API, freshPhone, lastCode, waitFor } from './sim-world.js';
import { loadTeleproto } from './teleproto-helpers.js';

const STEP_MS = 5_000;
const self: TlMethods['users.getUsers'] = { _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] };

let host: SimulatorHost | undefined;
const teleproto = loadTeleproto(() => host!.config);

/** Runs `tgauth session <action>` and returns what it printed. */
async function sessionCommand(options: Partial<CliOptions> & { rest: string[] }): Promise<string> {
  const out: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  try {
    expect(await runSession({ host: '127.0.0.1', dcs: 2, format: 'teleproto', ...options })).toBe(0);
  } finally {
    write.mockRestore();
  }
  return out.join('').trim();
}

describe.skipIf(!teleproto)('teleproto against the layer-229 simulator', () => {
  const kit = teleproto!;
  const engines: AuthEngine[] = [];
  let sim: SimulatorHost;
  let dir: string;
  let simConfig: string;
  beforeAll(async () => {
    sim = host = await startLowPortHost();
    dir = await mkdtemp(join(tmpdir(), 'tgauth-teleproto-'));
    simConfig = join(dir, 'sim.json');
    await writeFile(simConfig, JSON.stringify(sim.config));
  });
  afterAll(async () => {
    for (const e of engines) e.stop();
    await host?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const engine = (store: SessionStore): AuthEngine => tcpEngine(sim, store, engines);

  /** teleproto's own login (signInUser: sendCode, signIn, and its SRP when asked); returns its session string. */
  async function teleprotoLogin(phone: string, password?: string): Promise<{ text: string; userId: string }> {
    const client = kit.client('', API, { dcId: 1, port: sim.config.dcs[0]!.tcpPort });
    try {
      expect(await within(client.connect(), STEP_MS, 'connect (key exchange)')).toBe(true);
      let failure: unknown;
      const me = await within(
        client.signInUser(API, {
          phoneNumber: phone,
          phoneCode: async () => lastCode(sim.simulator, phone),
          ...(password === undefined ? {} : { password: async () => password }),
          onError: async (error: unknown) => {
            failure = error;
            return true; // stop
          },
        }),
        STEP_MS,
        'signInUser',
      );
      if (failure) throw failure;
      expect(me).toBeInstanceOf(kit.Api.User);
      return { text: client.session.save() as unknown as string, userId: me.id.toString() };
    } finally {
      await client.destroy();
    }
  }

  it('speaks layer 229, and reads the user the simulator writes for it (user#b1b8cc83)', () => {
    expect(kit.layer).toBe(229);
    expect(LAYER).toBe(kit.layer);
  });

  it('logs in with its own phone flow; its string round-trips through session import/export', async () => {
    const a = sim.simulator.accounts.create({ phone: freshPhone(), dcId: 1, firstName: 'Ada' });
    const { text, userId } = await teleprotoLogin(a.phone);
    expect(userId).toBe(a.id.toString());
    expect(sim.simulator.sessions().some((s) => s.layer === 229)).toBe(true);

    const file = join(dir, 'imported.session');
    expect(await sessionCommand({ session: file, rest: ['import', text] })).toBe(
      'imported a teleproto session: DC 1, no user id (this format carries none: log in again to see who)',
    );
    const again = await sessionCommand({ session: file, simConfig, rest: ['export'] });
    expect(again).toBe(text);

    // The re-exported string is an authorized teleproto session.
    const client = kit.client(again, API);
    try {
      await within(client.connect(), STEP_MS, 'connect');
      expect((await within(client.getMe(), STEP_MS, 'getMe')).id.toString()).toBe(a.id.toString());
    } finally {
      await client.destroy();
    }
    // The imported file's key answers the engine's calls as the user; the string carries no user
    // id, so the engine asks the server who it is and starts in ready (issue 23).
    const e = engine(fileStore(file));
    expect((await waitFor(e, 'ready')).user.id).toBe(a.id.toString());
    expect(((await e.invoke(self)) as { id: bigint }[]).map((u) => u.id)).toEqual([a.id]);
  });

  it('passes 2FA with its own SRP', async () => {
    const a = sim.simulator.accounts.create({ phone: freshPhone(), dcId: 1 });
    await sim.simulator.setPassword(a.id, 'correct horse');
    expect((await teleprotoLogin(a.phone, 'correct horse')).userId).toBe(a.id.toString());
  });

  it('a tgauth login exported with `session export --format teleproto` makes an authorized teleproto call', async () => {
    const a = sim.simulator.accounts.create({ phone: freshPhone(), dcId: 1, firstName: 'Bo' });
    const file = join(dir, 'tgauth.session');
    const e = engine(fileStore(file));
    await waitFor(e, 'waitPhoneNumber');
    e.send({ type: 'phone.submit', phone: a.phone });
    await waitFor(e, 'waitCode');
    e.send({ type: 'code.submit', code: lastCode(sim.simulator, a.phone) });
    expect((await waitFor(e, 'ready')).user.id).toBe(a.id.toString());
    e.stop();

    const text = await sessionCommand({ session: file, simConfig, rest: ['export'] });
    const client = kit.client(text, API);
    try {
      await within(client.connect(), STEP_MS, 'connect');
      const getUsers = new kit.Api.users.GetUsers({ id: [new kit.Api.InputUserSelf()] });
      const [me] = await within(client.invoke(getUsers), STEP_MS, 'users.getUsers');
      expect(me).toBeInstanceOf(kit.Api.User);
      expect(me!.id.toString()).toBe(a.id.toString());
    } finally {
      await client.destroy();
    }
  });
});
