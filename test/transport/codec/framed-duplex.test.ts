/** framedDuplex over memoryPipe (real codecs in memory) and the payload-level memoryDuplexPair. */
import { firstValueFrom, lastValueFrom, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { pureCrypto } from '../../../src/crypto/index.js';
import {
  FramingErrorCode,
  ServerCodec,
  createClientCodec,
  framedDuplex,
  memoryDuplexPair,
  memoryPipe,
  transportErrorPayload,
} from '../../../src/transport/index.js';
import { VARIANTS } from './codec-helpers.js';

const msg = (n: number, fill: number) => new Uint8Array(n).fill(fill);

describe.each(VARIANTS)(
  'framedDuplex over memoryPipe: $kind (obfuscated: $obfuscated)',
  ({ kind, obfuscated }) => {
    it(
      'carries frames both ways, including replies sent from inside the handler',
      { timeout: 5000 },
      async () => {
        const [a, b] = memoryPipe();
        const client = framedDuplex(
          a,
          createClientCodec(kind, obfuscated ? { obfuscated: { crypto: pureCrypto } } : {}),
        );
        const server = framedDuplex(b, new ServerCodec({ crypto: pureCrypto }));
        // Sent before anyone subscribed: the inbox keeps it.
        client.send(msg(24, 1), { quickAck: true });
        // One view per connection: the buffered first frame goes to the first subscriber.
        const flags: boolean[] = [];
        server.events$.subscribe((e) => {
          if (e.kind !== 'frame') return;
          flags.push(e.quickAck);
          server.send(e.payload.subarray(0, 24));
        });
        client.send(msg(24, 2));
        const echoed = await firstValueFrom(client.frames$.pipe(take(2), toArray()));
        expect(echoed.map((p) => p[0])).toEqual([1, 2]);
        expect(flags).toEqual([true, false]);
        client.close();
        await expect(lastValueFrom(server.frames$, { defaultValue: 'done' })).resolves.toBe('done');
        expect(() => client.send(msg(24, 3))).toThrow(
          expect.objectContaining({ code: FramingErrorCode.closed }),
        );
      },
    );
  },
);

describe('framedDuplex errors', () => {
  it('a -404 from the server errors frames$ with that code', async () => {
    const [a, b] = memoryPipe();
    const client = framedDuplex(a, createClientCodec('intermediate'));
    const server = framedDuplex(b, new ServerCodec());
    client.send(msg(24, 0));
    server.frames$.subscribe(() => server.send(transportErrorPayload(-404)));
    await expect(firstValueFrom(client.frames$)).rejects.toMatchObject({ code: -404 });
  });

  it('garbage bytes error frames$ with a framing code and close the stream', async () => {
    const [a, b] = memoryPipe();
    const server = framedDuplex(b, new ServerCodec());
    a.write(new Uint8Array(64).fill(0x41));
    await expect(firstValueFrom(server.frames$)).rejects.toMatchObject({
      code: FramingErrorCode.unknownProtocol,
    });
    await expect(lastValueFrom(a.data$, { defaultValue: 'closed' })).resolves.toBe('closed');
  });
});

describe('memoryDuplexPair', () => {
  it('delivers payload copies in order, and a 10k ping-pong does not grow the stack', async () => {
    const [x, y] = memoryDuplexPair();
    let count = 0;
    y.frames$.subscribe((p) => {
      if (p[0]! < 255 && ++count < 10_000) y.send(p);
    });
    x.frames$.subscribe((p) => x.send(p));
    const original = msg(4, 1);
    x.send(original);
    original[0] = 99;
    expect(count).toBe(10_000);
    x.close();
    await expect(lastValueFrom(y.frames$, { defaultValue: 'closed' })).resolves.toBe('closed');
  });
});
