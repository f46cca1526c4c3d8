/**
 * Issue 8 "Must show": an export format loads in the library it is for. GramJS (`telegram`
 * 2.26.22, a devDependency) makes an authorized call to the simulator with a StringSession that
 * tgauth exported after its own phone login, and the reverse: a session GramJS logged in itself,
 * imported into tgauth, takes the engine to `ready` with no login and answers its calls.
 * Both sides run on the real clock: GramJS stamps msg_ids with Date.now(), which the simulator
 * checks against its clock. GramJS's port field is signed 16-bit, so the simulator listens below
 * 32768 (the OS would hand out ephemeral ports above it).
 */
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portableOf, sessionOf } from '../../src/adapters/session-strings/index.js';
import { nodeCrypto } from '../../src/adapters/crypto/index.js';
import type { SimulatorHost } from '../../src/adapters/node/index.js';
import { authKeyId } from '../../src/crypto/index.js';
import { fromGramjsSession, toGramjsSession } from '../../src/adapters/session-strings/index.js';
import {
  decodeSession,
  encodeSession,
  memoryStore,
  type AuthEngine,
  type SessionStore,
} from '../../src/machines/index.js';
import type { TlMethods } from '../../src/tl/index.js';
import { loadGramjs, startLowPortHost, tcpEngine, within } from './gramjs-helpers.js';
import { API, freshPhone, lastCode, waitFor } from './sim-world.js';

/** auth_key_id: the low 64 bits of SHA1(auth_key), little-endian (as unsigned, to compare either sign). */
function keyIdOf(key: Uint8Array): bigint {
  const bytes = authKeyId(key, nodeCrypto);
  return new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
}

/** Each GramJS step answers in well under a second on loopback. */
const GRAMJS_MS = 5_000;

let host: SimulatorHost | undefined;
const gramjs = loadGramjs(() => host!.config);

describe.skipIf(!gramjs)('GramJS loads tgauth sessions and tgauth loads GramJS sessions', () => {
  const kit = gramjs!;
  const engines: AuthEngine[] = [];
  let sim: SimulatorHost;
  beforeAll(async () => {
    sim = host = await startLowPortHost();
  });
  afterAll(async () => {
    for (const e of engines) e.stop();
    await host?.close();
  });

  const engine = (store: SessionStore): AuthEngine => tcpEngine(sim, store, engines);

  function account(): { id: bigint; phone: string } {
    const a = sim.simulator.accounts.create({ phone: freshPhone(), dcId: 1, firstName: 'Ada' });
    return { id: a.id, phone: a.phone };
  }

  it('a StringSession exported after a tgauth phone login makes an authorized GramJS call', async () => {
    const a = account();
    const store = memoryStore();
    const e = engine(store);
    await waitFor(e, 'waitPhoneNumber');
    e.send({ type: 'phone.submit', phone: a.phone });
    await waitFor(e, 'waitCode');
    e.send({ type: 'code.submit', code: lastCode(sim.simulator, a.phone) });
    expect((await waitFor(e, 'ready')).user.id).toBe(a.id.toString());
    e.stop();

    // What `tgauth session export --format gramjs --sim-config ...` does with the session file.
    const portable = portableOf(decodeSession(store.bytes!), sim.config);
    expect(portable).toMatchObject({ dcId: 1, host: '127.0.0.1', port: sim.config.dcs[0]!.tcpPort });
    // The permanent key (traffic ran on PFS temp keys bound to it), the one the login is recorded on.
    const id = keyIdOf(portable.authKey);
    expect(sim.simulator.keys(1).find((k) => BigInt.asUintN(64, k.id) === id)).toMatchObject({
      kind: 'perm',
      userId: a.id,
    });
    const text = toGramjsSession(portable);

    const client = kit.client(text, API);
    try {
      await within(client.connect(), GRAMJS_MS, 'connect');
      const [me] = await within(
        client.invoke(new kit.Api.users.GetUsers({ id: [new kit.Api.InputUserSelf()] })),
        GRAMJS_MS,
        'users.getUsers',
      );
      expect(me).toBeInstanceOf(kit.Api.User);
      expect(me!.id.toString()).toBe(a.id.toString());
      // getMe goes through GramJS's own entity handling on top of the same call.
      expect((await within(client.getMe(), GRAMJS_MS, 'getMe')).id.toString()).toBe(a.id.toString());
    } finally {
      await client.destroy();
    }
  });

  it('a StringSession GramJS logged in with imports into tgauth: its key answers as the user; with the user id, ready without login', async () => {
    const a = account();
    const client = kit.client('', API, { dcId: 1, port: sim.config.dcs[0]!.tcpPort });
    let text: string;
    let gramjsUserId: string;
    try {
      await within(client.connect(), GRAMJS_MS, 'connect (key exchange)');
      const sent = await within(
        client.invoke(
          new kit.Api.auth.SendCode({ phoneNumber: a.phone, ...API, settings: new kit.Api.CodeSettings({}) }),
        ),
        GRAMJS_MS,
        'auth.sendCode',
      );
      expect(sent).toBeInstanceOf(kit.Api.auth.SentCode);
      const { phoneCodeHash } = sent as InstanceType<typeof kit.Api.auth.SentCode>;
      const code = lastCode(sim.simulator, a.phone);
      const signIn = new kit.Api.auth.SignIn({ phoneNumber: a.phone, phoneCodeHash, phoneCode: code });
      await within(client.invoke(signIn), GRAMJS_MS, 'auth.signIn');
      gramjsUserId = (await within(client.getMe(), GRAMJS_MS, 'getMe')).id.toString();
      text = client.session.save() as unknown as string;
    } finally {
      await client.destroy();
    }
    const self: TlMethods['users.getUsers'] = { _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] };

    // What `tgauth session import --format gramjs <string>` writes into the session file.
    const portable = fromGramjsSession(text);
    expect(portable).toMatchObject({ dcId: 1, host: '127.0.0.1', port: sim.config.dcs[0]!.tcpPort });
    expect(portable.userId).toBeUndefined(); // GramJS strings carry no user id
    const bare = engine(memoryStore(encodeSession(sessionOf(portable))));
    // No user id in the session, so today the engine shows the phone screen (the key is not probed);
    // whichever screen it shows, its calls on the key already act as the user.
    await firstValueFrom(bare.state$.pipe(filter((v) => v.status !== 'initializing')));
    // The key alone is GramJS's login: the engine's calls on it (PFS: a temp key bound to it) are the user's.
    expect(((await bare.invoke(self)) as { id: bigint }[]).map((u) => u.id)).toEqual([a.id]);
    bare.stop();

    // With the user id the importing app learned from GramJS (getMe), the engine starts in ready.
    const known = engine(
      memoryStore(encodeSession(sessionOf({ ...portable, userId: BigInt(gramjsUserId) }))),
    );
    expect((await waitFor(known, 'ready')).user.id).toBe(a.id.toString());
    expect(((await known.invoke(self)) as { id: bigint }[]).map((u) => u.id)).toEqual([a.id]);
  });
});
