/** Errors of the simulator: its own base class, and helpers that build the rpc_errors it answers with. */
import { TgauthError } from '../crypto/index.js';
import { RpcError } from '../transport/index.js';

/** Misuse of the simulator API (unknown account, bad control request, …), not a protocol answer. */
export class SimulatorError extends TgauthError {}

/** An `rpc_error` the simulator answers with: `fail(400, 'PHONE_CODE_INVALID')`. */
export function fail(code: number, text: string): RpcError {
  return new RpcError(code, text);
}

/** 303 redirects (core.telegram.org/api/datacenter "Redirects"). */
export const migrate = (kind: 'PHONE' | 'NETWORK' | 'USER', dcId: number): RpcError =>
  fail(303, `${kind}_MIGRATE_${dcId}`);

/** 420 FLOOD_WAIT_X with X in whole seconds (at least 1). */
export const floodWait = (seconds: number): RpcError => fail(420, `FLOOD_WAIT_${Math.max(1, Math.ceil(seconds))}`);

/** 401 AUTH_KEY_UNREGISTERED: the key is not logged in and the method needs a user (core.telegram.org/api/auth). */
export const unregistered = (): RpcError => fail(401, 'AUTH_KEY_UNREGISTERED');
