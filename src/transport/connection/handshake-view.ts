/** The handshake's view of a fresh connection (`DcConnection`). */
import type { Observable } from 'rxjs';
import type { Duplex } from '../ports.js';

/** What the handshake sees of a fresh connection: its frames until the key exists, and sending. */
export class HandshakeView implements Duplex {
  constructor(
    readonly frames$: Observable<Uint8Array>,
    private readonly duplex: Duplex,
  ) {}

  send(payload: Uint8Array): void {
    this.duplex.send(payload);
  }

  close(): void {
    this.duplex.close();
  }
}
