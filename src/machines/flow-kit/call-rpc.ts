/**
 * One RPC as a promise that honours an AbortSignal: the bridge between the `AuthRpc` port
 * (Observables) and `fromPromise` actors. Leaving a state aborts the signal, which unsubscribes
 * the RPC so the transport can forget the request; no late answer reaches the machine.
 */
import { take } from 'rxjs';
import type { ResultOf, TlMethod } from '../../tl/index.js';
import { AuthEngineError, type AuthRpc } from '../core/index.js';

/** Invokes `request` on `dcId` and resolves with its single result. */
export function callRpc<M extends TlMethod>(
  rpc: AuthRpc,
  dcId: number,
  request: M,
  signal?: AbortSignal,
): Promise<ResultOf<M>> {
  return new Promise<ResultOf<M>>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AuthEngineError('rpc.aborted', `${request._} aborted`));
      return;
    }
    let settled = false;
    const subscription = rpc
      .invoke(dcId, request)
      .pipe(take(1))
      .subscribe({
        next: (value) => {
          settled = true;
          resolve(value);
        },
        error: (error: unknown) => {
          settled = true;
          reject(error);
        },
        complete: () => {
          if (!settled) reject(new AuthEngineError('rpc.empty', `${request._} completed without a result`));
        },
      });
    signal?.addEventListener('abort', () => subscription.unsubscribe(), { once: true });
  });
}
