/**
 * The browser's `webSocketDial` (global WebSocket, here the `ws` package standing in for it) against a
 * loopback WebSocket DC: every framing it can carry round-trips over obfuscated2, and `full` is refused.
 */
import { firstValueFrom, take, toArray } from 'rxjs';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pureCrypto } from '../../../src/crypto/index.js';
import { listenWebSocket, type Listener } from '../../../src/adapters/node/index.js';
import { webSocketDial } from '../../../src/adapters/browser/index.js';
import {
  ServerCodec,
  TransportError,
  framedDuplex,
  type ByteStream,
  type CodecKind,
  type DcAddress,
} from '../../../src/transport/index.js';

const kinds: string[] = [];
function echo(stream: ByteStream): void {
  const codec = new ServerCodec({ crypto: pureCrypto });
  const server = framedDuplex(stream, codec);
  server.events$.subscribe({
    next: (e) => {
      if (e.kind !== 'frame') return;
      kinds.push(codec.kind);
      server.send(e.payload.subarray(0, 24));
    },
    error: () => {},
  });
}

let ws: Listener;
const hadWebSocket = 'WebSocket' in globalThis;
const original = (globalThis as { WebSocket?: unknown }).WebSocket;
beforeAll(async () => {
  ws = await listenWebSocket({ port: 0 }, echo);
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
});
afterAll(async () => {
  if (hadWebSocket) (globalThis as { WebSocket?: unknown }).WebSocket = original;
  else delete (globalThis as { WebSocket?: unknown }).WebSocket;
  await ws.close();
});

const dc = (): DcAddress => ({ dcId: 2, host: '127.0.0.1', port: 1, wsPort: ws.port });

describe('browser webSocketDial on 127.0.0.1', () => {
  it.each(['abridged', 'intermediate', 'padded'] as CodecKind[])('%s over obfuscated2', async (codec) => {
    kinds.length = 0;
    const duplex = webSocketDial({ codec })(dc());
    const replies = firstValueFrom(duplex.frames$.pipe(take(2), toArray()));
    duplex.send(new Uint8Array(124).fill(7));
    duplex.send(new Uint8Array(424).fill(8));
    // 24-byte echoes (the padded framing may append up to 15 random bytes).
    const got = await replies;
    expect(got.map((r) => [r[0], r.subarray(0, 24).every((b) => b === r[0]), r.length < 40])).toEqual([
      [7, true, true],
      [8, true, true],
    ]);
    duplex.close();
    expect(kinds).toEqual([`obfuscated2/${codec}`, `obfuscated2/${codec}`]);
  });

  it('refuses the full framing, which obfuscated2 cannot carry', () => {
    expect(() => webSocketDial({ codec: 'full' })(dc())).toThrow(TransportError);
  });
});
