// The client steps and the HandshakeServer over real framing: memoryPipe + every codec, plain and
// obfuscated2, each message an unencrypted MTProto message (core.telegram.org/mtproto/transports/core.telegram.org/mtproto/description "Unencrypted Message") with client msg_ids ≡ 0 mod 4
// and server msg_ids ≡ 1 mod 4. Permanent and temporary keys; node backend for speed.
import { describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../../src/adapters/crypto/index.js';
import { equalBytes, pureCrypto } from '../../../src/crypto/index.js';
import { deserializeObject, serializeObject, type TlAny } from '../../../src/tl/index.js';
import {
  HandshakeServer,
  ServerCodec,
  createClientCodec,
  framedDuplex,
  memoryPipe,
  onDhGenAnswer,
  onResPq,
  onServerDhParams,
  startExchange,
  unwrapPlainMessage,
  wrapPlainMessage,
  type CodecKind,
  type DhGenAnswer,
  type Duplex,
  type ExchangeOptions,
  type HandshakeEnv,
  type ResPq,
  type ServerDhParamsOk,
  type ServerExchangedKey,
} from '../../../src/transport/index.js';
import { fixedRandom } from '../../helpers/fixed-random.js';
import { ManualClock } from '../../helpers/manual-clock.js';
import { simPrivateKey, simPublicKey } from './handshake-harness.js';

const VARIANTS: { kind: CodecKind; obfuscated: boolean }[] = [
  { kind: 'abridged', obfuscated: false },
  { kind: 'intermediate', obfuscated: false },
  { kind: 'padded', obfuscated: false },
  { kind: 'full', obfuscated: false },
  { kind: 'abridged', obfuscated: true },
  { kind: 'intermediate', obfuscated: true },
  { kind: 'padded', obfuscated: true },
];

/** Serves every plaintext message on `duplex` with `server`; collects the keys it agrees on. */
function serve(duplex: Duplex, server: HandshakeServer, keys: ServerExchangedKey[]): void {
  let msgId = 0x6a000000_00000001n;
  duplex.frames$.subscribe((payload) => {
    const request = deserializeObject(unwrapPlainMessage(payload).body);
    let answer: TlAny;
    if (request._ === 'req_pq_multi') answer = server.answerReqPq(request);
    else if (request._ === 'req_DH_params') answer = server.answerReqDhParams(request);
    else if (request._ === 'set_client_DH_params') {
      const r = server.answerSetClientDhParams(request);
      if (r.key) keys.push(r.key);
      answer = r.answer;
    } else throw new TypeError(`unexpected ${request._}`);
    msgId += 4n;
    duplex.send(wrapPlainMessage(msgId, serializeObject(answer)));
  });
}

/** The client side: send each request, await the next frame, feed the step. */
async function exchange(duplex: Duplex, options: ExchangeOptions, env: HandshakeEnv) {
  const inbox: Uint8Array[] = [];
  const waiting: ((p: Uint8Array) => void)[] = [];
  duplex.frames$.subscribe((p) => (waiting.length ? waiting.shift()!(p) : inbox.push(p)));
  let msgId = 0x6a000000_00000000n;
  const call = async <T>(request: TlAny): Promise<T> => {
    msgId += 4n;
    duplex.send(wrapPlainMessage(msgId, serializeObject(request)));
    const frame = inbox.length ? inbox.shift()! : await new Promise<Uint8Array>((r) => waiting.push(r));
    const message = unwrapPlainMessage(frame);
    expect(message.msgId % 4n).toBe(1n);
    return deserializeObject(message.body) as T;
  };
  const s0 = startExchange(options, env);
  const s1 = onResPq(s0.state, await call<ResPq>(s0.request), [simPublicKey], env);
  const s2 = onServerDhParams(s1.state, await call<ServerDhParamsOk>(s1.request), env);
  const out = onDhGenAnswer(s2.state, await call<DhGenAnswer>(s2.request), env);
  if (!('done' in out)) throw new TypeError('exchange did not finish');
  return out.done;
}

describe.each(VARIANTS)('key exchange over memoryPipe: $kind (obfuscated: $obfuscated)', ({ kind, obfuscated }) => {
  it('completes a permanent and a temporary exchange', async () => {
    const clock = new ManualClock();
    const server = new HandshakeServer({ dcId: 2, keys: [simPrivateKey], random: fixedRandom(`s-${kind}`), crypto: nodeCrypto, now: () => clock.now() });
    const env: HandshakeEnv = { random: fixedRandom(`c-${kind}-${obfuscated}`), crypto: nodeCrypto, now: () => clock.now() };
    for (const options of [{ dcId: 2 }, { dcId: 2, temp: { expiresIn: 3600 } }] as ExchangeOptions[]) {
      const [a, b] = memoryPipe();
      const client = framedDuplex(a, createClientCodec(kind, obfuscated ? { obfuscated: { crypto: pureCrypto, dc: { dcId: 2 } } } : {}));
      const keys: ServerExchangedKey[] = [];
      serve(framedDuplex(b, new ServerCodec({ crypto: pureCrypto })), server, keys);
      const done = await exchange(client, options, env);
      expect(keys).toHaveLength(1);
      expect(equalBytes(done.authKey, keys[0]!.authKey)).toBe(true);
      expect(done.serverSalt).toBe(keys[0]!.serverSalt);
      expect(keys[0]!.temp !== undefined).toBe(options.temp !== undefined);
      client.close();
    }
  });
});
