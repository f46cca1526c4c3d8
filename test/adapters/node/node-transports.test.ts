/** Framed round trips over real TCP and WebSocket connections on 127.0.0.1, every framing. */
import { firstValueFrom, take, toArray } from 'rxjs';
import { WebSocket } from 'ws';
import { Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pureCrypto } from '../../../src/crypto/index.js';
import {
  listenTcp,
  listenWebSocket,
  nodeTcpDial,
  nodeWebSocketDial,
  type Listener,
} from '../../../src/adapters/node/index.js';
import {
  FramingErrorCode,
  ServerCodec,
  TransportError,
  framedDuplex,
  type ByteStream,
  type CodecKind,
  type DcAddress,
} from '../../../src/transport/index.js';

/** An echo DC: answers each frame with its first 24 bytes, and reports the detected transport. */
function echo(stream: ByteStream): void {
  const server = framedDuplex(stream, new ServerCodec({ crypto: pureCrypto }));
  server.events$.subscribe({
    next: (e) => {
      if (e.kind === 'frame') server.send(e.payload.subarray(0, 24));
    },
    error: () => {},
  });
}

let tcp: Listener;
let ws: Listener;
beforeAll(async () => {
  tcp = await listenTcp({ port: 0 }, echo);
  ws = await listenWebSocket({ port: 0 }, echo);
});
afterAll(async () => {
  await tcp.close();
  await ws.close();
});

const dc = (): DcAddress => ({ dcId: 2, host: '127.0.0.1', port: tcp.port, wsPort: ws.port });
const payloads = [1, 2, 3].map((n) => new Uint8Array(24 + 4 * n * 100).fill(n));

async function roundTrip(duplex: ReturnType<ReturnType<typeof nodeTcpDial>>): Promise<number[]> {
  const replies = firstValueFrom(duplex.frames$.pipe(take(3), toArray()));
  for (const p of payloads) duplex.send(p);
  const got = await replies;
  duplex.close();
  return got.map((r) => r[0]!);
}

const tcpVariants: [CodecKind, boolean][] = [
  ['abridged', false],
  ['intermediate', false],
  ['padded', false],
  ['full', false],
  ['abridged', true],
  ['intermediate', true],
  ['padded', true],
];

describe('Node TCP on 127.0.0.1', () => {
  it.each(tcpVariants)('%s (obfuscated: %s) round-trips frames', async (codec, obfuscated) => {
    expect(await roundTrip(nodeTcpDial({ codec, obfuscated })(dc()))).toEqual([1, 2, 3]);
  });

  it('a refused connection errors frames$ with TransportError(closed)', async () => {
    const closed = await listenTcp({ port: 0 }, () => {});
    const port = closed.port;
    await closed.close();
    const duplex = nodeTcpDial()({ ...dc(), port });
    const error = await firstValueFrom(duplex.frames$).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).code).toBe(FramingErrorCode.closed);
  });

  it('listens with a backlog of 4096 unless told otherwise (Node defaults to 511)', async () => {
    const listen = vi.spyOn(Server.prototype, 'listen');
    const backlogs: unknown[] = [];
    for (const options of [{ port: 0 }, { port: 0, backlog: 64 }]) {
      const l = await listenTcp(options, () => {});
      backlogs.push((listen.mock.calls.at(-1)![0] as { backlog?: number }).backlog);
      await l.close();
    }
    listen.mockRestore();
    expect(backlogs).toEqual([4096, 64]);
  });
});

describe('WebSocket (ws) on 127.0.0.1, /apiws, subprotocol binary', () => {
  it.each(['abridged', 'intermediate', 'padded'] as CodecKind[])(
    '%s over obfuscated2 round-trips frames',
    async (codec) => {
      expect(await roundTrip(nodeWebSocketDial({ codec })(dc()))).toEqual([1, 2, 3]);
    },
  );

  it('refuses a client that does not ask for the binary subprotocol', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${ws.port}/apiws`);
    const outcome = await new Promise<string>((resolve) => {
      socket.on('open', () => resolve('open'));
      socket.on('error', () => resolve('refused'));
    });
    expect(outcome).toBe('refused');
  });
});
