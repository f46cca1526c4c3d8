/**
 * tgauth as a bench peer, with what a Node host would pass: nodeTcpDial, node:crypto, the system
 * clock. Every operation starts from an empty session, so each pays for a new permanent key.
 */
import { nodeCrypto } from '../../src/adapters/crypto/index.js';
import type { CryptoProvider } from '../../src/crypto/index.js';
import { nodeTcpDial, type SimulatorHostConfig } from '../../src/adapters/node/index.js';
import { systemClock } from '../../src/adapters/clock/index.js';
import { callRpc, createAuthEngine, createTransportRpc, memoryStore, resolveDcs, type AuthEngine, type AuthView } from '../../src/machines/index.js';
import type { Peer } from './thirdparty.js';

/** Resolves once the engine shows `status`, not busy (rejects on error, close, or another terminal view). */
export function until(engine: AuthEngine, status: AuthView['status']): Promise<void> {
  return new Promise((resolve, reject) => {
    const sub = engine.subscribe({
      next: (view) => {
        // A busy view still loads (e.g. account.getPassword): commands sent now would be rejected.
        if (view.status === status && !view.busy) {
          queueMicrotask(() => sub.unsubscribe());
          resolve();
        } else if (view.status === 'closed' || ('error' in view && view.error && view.status !== 'initializing')) {
          queueMicrotask(() => sub.unsubscribe());
          reject(new RangeError(`engine reached ${view.status} while waiting for ${status}`));
        }
      },
      error: reject,
    });
  });
}

/**
 * The tgauth peer on the simulator described by `config` (the printed JSON line). Without `pfs` it
 * does the peers' work (one permanent key carries the traffic: GramJS and mtcute do no PFS);
 * with `pfs` (the engine's default) it also makes a temp key and binds it (core.telegram.org/api/pfs), and is
 * named `tgauth+pfs`.
 */
export function tgauthPeer(
  config: SimulatorHostConfig,
  api: { apiId: number; apiHash: string },
  options: { pfs?: boolean; crypto?: CryptoProvider; name?: string } = {},
): Peer {
  const pfs = options.pfs === true;
  const crypto = options.crypto ?? nodeCrypto;
  const engine = () =>
    createAuthEngine({
      ...api,
      dcs: config,
      dial: nodeTcpDial(),
      clock: systemClock,
      crypto,
      store: memoryStore(),
      transport: { pingIntervalMs: 0 },
      ...(pfs ? {} : { pfs: false as const }),
    });

  async function login(phone: string, code: string, password?: string): Promise<void> {
    const e = engine();
    try {
      await until(e, 'waitPhoneNumber');
      e.send({ type: 'phone.submit', phone });
      await until(e, 'waitCode');
      e.send({ type: 'code.submit', code });
      if (password !== undefined) {
        await until(e, 'waitPassword');
        e.send({ type: 'password.submit', password });
      }
      await until(e, 'ready');
    } finally {
      e.stop();
    }
  }

  const resolved = resolveDcs(config);
  return {
    name: options.name ?? (pfs ? 'tgauth+pfs' : 'tgauth'),
    async newKey() {
      // The engine's transport as createAuthEngine builds it; the first call makes the key and
      // wraps help.getConfig in initConnection, as the peers' connect() does.
      const rpc = createTransportRpc({ dcs: resolved.addresses, rsaKeys: resolved.rsaKeys, dial: nodeTcpDial(), clock: systemClock, apiId: api.apiId, crypto, pingIntervalMs: 0, ...(pfs ? {} : { pfs: false as const }) });
      try {
        await callRpc(rpc, config.dcs[0]!.id, { _: 'help.getConfig' });
      } finally {
        rpc.close();
      }
    },
    async qrLogin(approve) {
      const e = engine();
      try {
        await until(e, 'waitPhoneNumber');
        e.send({ type: 'qr.start' });
        const link = await new Promise<string>((resolve) => {
          const sub = e.subscribe((view) => {
            if (view.status === 'waitQrConfirmation' && view.link) {
              queueMicrotask(() => sub.unsubscribe());
              resolve(view.link);
            }
          });
        });
        approve(link);
        await until(e, 'ready');
      } finally {
        e.stop();
      }
    },
    phoneLogin: (phone, code) => login(phone, code),
    phone2faLogin: (phone, code, password) => login(phone, code, password),
  };
}
