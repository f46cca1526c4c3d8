/** Runs the client steps against a HandshakeServer in-process, every message through TL and plaintext framing. */
import {
  SIMULATOR_RSA_PRIVATE_KEY_PEM,
  SIMULATOR_RSA_PUBLIC_KEY_PEM,
  parseRsaPrivateKey,
  parseRsaPublicKey,
  pureCrypto,
  type Random,
} from '../../../src/crypto/index.js';
import { deserializeObject, serializeObject, type TlAny } from '../../../src/tl/index.js';
import {
  HandshakeServer,
  onDhGenAnswer,
  onResPq,
  onServerDhParams,
  startExchange,
  unwrapPlainMessage,
  wrapPlainMessage,
  type ClientExchangedKey,
  type DhGenAnswer,
  type ExchangeOptions,
  type HandshakeEnv,
  type HandshakeServerOptions,
  type ResPq,
  type ServerDhParamsOk,
  type ServerExchangedKey,
} from '../../../src/transport/index.js';
import { ManualClock } from '../../helpers/manual-clock.js';

export const simPublicKey = parseRsaPublicKey(SIMULATOR_RSA_PUBLIC_KEY_PEM);
export const simPrivateKey = parseRsaPrivateKey(SIMULATOR_RSA_PRIVATE_KEY_PEM);

let msgId = 0x65abc0fc000df764n;
/** Serializes, frames as an unencrypted message, unframes and parses: what a real link does to each message. */
export function overWire<T>(obj: TlAny): T {
  msgId += 4n;
  const bytes = wrapPlainMessage(msgId, serializeObject(obj));
  return deserializeObject(unwrapPlainMessage(bytes).body) as T;
}

export function clientEnv(random: Random, clock = new ManualClock()): HandshakeEnv {
  return { random, crypto: pureCrypto, now: () => clock.now() };
}

export function makeServer(random: Random, clock = new ManualClock(), extra: Partial<HandshakeServerOptions> = {}): HandshakeServer {
  return new HandshakeServer({ dcId: 2, keys: [simPrivateKey], random, crypto: pureCrypto, now: () => clock.now(), ...extra });
}

/** A full exchange; returns both sides' view of the key and how many retries it took. */
export function runExchange(
  server: HandshakeServer,
  options: ExchangeOptions,
  env: HandshakeEnv,
): { client: ClientExchangedKey; server: ServerExchangedKey; retries: number } {
  const s0 = startExchange(options, env);
  const resPq = overWire<ResPq>(server.answerReqPq(overWire(s0.request)));
  const s1 = onResPq(s0.state, resPq, [simPublicKey], env);
  const dhOk = overWire<ServerDhParamsOk>(server.answerReqDhParams(overWire(s1.request)));
  let step = onServerDhParams(s1.state, dhOk, env);
  for (let retries = 0; ; retries++) {
    const { answer, key } = server.answerSetClientDhParams(overWire(step.request));
    const outcome = onDhGenAnswer(step.state, overWire<DhGenAnswer>(answer), env);
    if ('done' in outcome) {
      if (!key) throw new TypeError('client done but server has no key');
      return { client: outcome.done, server: key, retries };
    }
    if ('fail' in outcome) throw new TypeError('dh_gen_fail');
    step = outcome.retry;
  }
}
