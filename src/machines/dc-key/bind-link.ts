/**
 * Sends `auth.bindTempAuthKey` (core.telegram.org/method/auth.bindTempAuthKey) over the connection that just made the temp key,
 * before the connection's own session starts. It is a one-request MTProto 2.0 session of its own:
 * owning the msg_id and session_id of the carrying message is what lets the inner 1.0 message
 * repeat them (no seam in the transport's `ClientSession` is needed). bad_server_salt and
 * bad_msg_notification 16/17 re-send under a new msg_id, so the bind message is rebuilt each time.
 */
import { tlSessionCodec, decodeResult, decryptMessage, encryptMessage, isContainer, isRpcResult, MsgIdGenerator, msgIdSeconds, readRpcResult, sessionKey, TransportError, unpackContainer, type Clock, type Duplex } from '../../transport/index.js';
import type { CryptoProvider, Random } from '../../crypto/index.js';
import { deserializeObject, serializeObject } from '../../tl/index.js';
import { buildBindTempAuthKey } from './bind-temp-key.js';
import { AuthEngineError } from '../core/index.js';
import { SilenceTimer } from './silence-timer.js';

/** The keys of one bind: permanent key, the fresh temp key with its first salt and expiry. */
export interface BindKeys {
  perm: Uint8Array;
  temp: Uint8Array;
  tempSalt: bigint;
  /** Unix seconds (server time). */
  expiresAt: number;
  /** Server time minus local time, in seconds, from the temp key's handshake. */
  timeOffset: number;
}

export interface BindEnv {
  clock: Clock;
  random: Random;
  crypto: CryptoProvider;
  /** How long the server may leave the bind unanswered (ms); none when absent. */
  timeoutMs?: number | undefined;
}

const MAX_RESENDS = 3;
const rand64 = (random: Random): bigint => {
  const b = random.bytes(8);
  return new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true);
};

/**
 * Binds `keys.temp` to `keys.perm` over `duplex`. Resolves on boolTrue; rejects with the server's
 * `RpcError` (ENCRYPTED_MESSAGE_INVALID: the permanent key is unknown there), a `TransportError`
 * (-404: the temp key is gone), `AuthEngineError('bind.closed')` when the link ends first, or
 * `AuthEngineError('dc.silent')` when nothing came back within `env.timeoutMs` (dc-key/silence-timer.ts).
 */
export function bindTempKeyOver(duplex: Duplex, keys: BindKeys, env: BindEnv): Promise<void> {
  const { clock, random, crypto } = env;
  const key = sessionKey(keys.temp, crypto);
  const ids = new MsgIdGenerator(clock);
  ids.timeOffset = keys.timeOffset;
  const sessionId = rand64(random);
  const nonce = rand64(random);
  let salt = keys.tempSalt;
  let msgId = 0n;
  let resends = 0;
  let silence: SilenceTimer | undefined;

  const send = (): void => {
    msgId = ids.next();
    const request = buildBindTempAuthKey(
      { perm: keys.perm, temp: keys.temp, nonce, expiresAt: keys.expiresAt, tempSessionId: sessionId, msgId },
      random,
      crypto,
    );
    duplex.send(
      encryptMessage(
        key,
        'client',
        { salt, sessionId, msgId, seqNo: 1, body: serializeObject(request) },
        random,
        crypto,
      ),
    );
    silence?.expect();
  };

  return new Promise<void>((resolve, reject) => {
    const settle = (error?: unknown): void => {
      silence?.stop();
      subscription.unsubscribe();
      if (error === undefined) resolve();
      else reject(error);
    };
    /** Handles one message body; returns true once the bind is settled. */
    const handle = (serverMsgId: bigint, body: Uint8Array): void => {
      if (isRpcResult(body)) {
        const { reqMsgId, result } = readRpcResult(body);
        if (BigInt.asUintN(64, reqMsgId) !== msgId) return;
        const r = decodeResult(tlSessionCodec, 'auth.bindTempAuthKey', result);
        if (!r.ok) return settle(r.error);
        return settle(
          r.value === true
            ? undefined
            : new AuthEngineError('bind.refused', 'the server refused the temp key binding'),
        );
      }
      const obj = deserializeObject(body) as {
        _: string;
        badMsgId?: bigint;
        newServerSalt?: bigint;
        errorCode?: number;
      };
      const retry =
        obj._ === 'bad_server_salt' ||
        (obj._ === 'bad_msg_notification' && (obj.errorCode === 16 || obj.errorCode === 17));
      if (!retry || BigInt.asUintN(64, obj.badMsgId ?? 0n) !== msgId) return;
      if (++resends > MAX_RESENDS)
        return settle(new TransportError(obj.errorCode ?? 48, 'bind re-sent too often'));
      if (obj._ === 'bad_server_salt') salt = obj.newServerSalt!;
      // The server's msg_id carries its clock (core.telegram.org/mtproto/description "Message Identifier (msg_id)"): adopt it before the next msg_id.
      else ids.timeOffset = msgIdSeconds(serverMsgId) - clock.now() / 1000;
      send();
    };
    const { timeoutMs } = env;
    if (timeoutMs !== undefined)
      silence = new SilenceTimer(clock, timeoutMs, () =>
        settle(new AuthEngineError('dc.silent', `the server did not answer the bind within ${timeoutMs} ms`)),
      );
    const subscription = duplex.frames$.subscribe({
      next(payload) {
        // The server is alive (new_session_created, acks may come first): the answer is due from now.
        silence?.expect();
        if (payload.length === 4)
          return settle(
            new TransportError(-new DataView(payload.buffer, payload.byteOffset).getInt32(0, true)),
          );
        const res = decryptMessage(key, 'server', payload, crypto);
        if (!res.ok || BigInt.asUintN(64, res.message.sessionId) !== sessionId) return;
        try {
          const m = res.message;
          if (isContainer(m.body))
            for (const inner of unpackContainer(m.body, m.msgId) ?? []) handle(inner.msgId, inner.body);
          else handle(m.msgId, m.body);
        } catch (error) {
          settle(error);
        }
      },
      error: (error: unknown) => settle(error),
      complete: () => settle(new AuthEngineError('bind.closed', 'the connection closed during the bind')),
    });
    try {
      send();
    } catch (error) {
      settle(error);
    }
  });
}
