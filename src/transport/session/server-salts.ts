/**
 * Server salts of one auth key (core.telegram.org/mtproto/service_messages): one salt per 30-minute window, the previous
 * window's salt still accepted for 1800 s after the change, future ones handed out by
 * get_future_salts. Windows are aligned to the clock so every session of the key agrees.
 */
import type { Random } from '../../crypto/index.js';
import { readLong } from './wire.js';

export const SALT_PERIOD_SECONDS = 1800;

export class ServerSalts {
  private readonly byWindow = new Map<number, bigint>();

  constructor(private readonly random: Random) {}

  /** Pins the salt of the window containing `nowSeconds` (the handshake's initial salt, core.telegram.org/mtproto/auth_key). */
  set(nowSeconds: number, salt: bigint): void {
    this.byWindow.set(windowOf(nowSeconds), salt);
  }

  /** The salt to use now. */
  current(nowSeconds: number): bigint {
    const w = windowOf(nowSeconds);
    this.forgetBefore(w - 1);
    return this.at(w);
  }

  /** True for the current salt and the one it replaced (still valid for 1800 s). */
  accepts(salt: bigint, nowSeconds: number): boolean {
    const w = windowOf(nowSeconds);
    this.forgetBefore(w - 1);
    return salt === this.at(w) || this.byWindow.get(w - 1) === salt;
  }

  /** `num` (1..64) salts from the current window on: future_salt valid_since:int valid_until:int salt:long. */
  future(nowSeconds: number, num: number): { _: 'future_salt'; validSince: number; validUntil: number; salt: bigint }[] {
    const w = windowOf(nowSeconds);
    const out = [];
    for (let i = 0; i < Math.min(64, Math.max(1, num)); i++) {
      out.push({
        _: 'future_salt' as const,
        validSince: (w + i) * SALT_PERIOD_SECONDS,
        validUntil: (w + i + 1) * SALT_PERIOD_SECONDS + SALT_PERIOD_SECONDS,
        salt: this.at(w + i),
      });
    }
    return out;
  }

  private at(w: number): bigint {
    let salt = this.byWindow.get(w);
    if (salt === undefined) {
      salt = readLong(this.random.bytes(8), 0);
      this.byWindow.set(w, salt);
    }
    return salt;
  }

  /**
   * Drops windows before `w`. Pruned against the clock, never against the window being made: a
   * get_future_salts for 64 windows (mtcute asks that many) must not forget the salt in use now.
   * At most the 64 future windows and the previous one are kept.
   */
  private forgetBefore(w: number): void {
    for (const k of this.byWindow.keys()) if (k < w) this.byWindow.delete(k);
  }
}

const windowOf = (seconds: number): number => Math.floor(seconds / SALT_PERIOD_SECONDS);
