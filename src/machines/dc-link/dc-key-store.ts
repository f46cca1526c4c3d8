/** The port through which the transport keeps each DC's permanent key between runs. */
import type { DcAuthKey } from '../../transport/index.js';

/** Where keys live between runs (the engine's `SessionKeeper` is one). */
export interface DcKeyStore {
  authKey(dcId: number): DcAuthKey | undefined;
  setAuthKey(dcId: number, key: DcAuthKey): void;
  dropAuthKey(dcId: number): void;
  /** Whether the user's login was imported to `dcId` (optional: without it, kept in memory). */
  isAuthorized?(dcId: number): boolean;
  setAuthorized?(dcId: number, authorized: boolean): void;
}
