/**
 * Wraps an `AuthRpc` so every call is reported as it goes out and comes back: the tour prints
 * these lines (`-> auth.sendCode @dc2`) under the views so a reader sees the protocol beneath the
 * states. Only method names, DC ids, result constructor names and error types are reported —
 * never parameters, which hold codes, passwords and SRP values.
 */
import { tap } from 'rxjs';
import type { AuthRpc } from '../../machines/index.js';
import { RpcError } from '../../transport/index.js';

/** One traced call, as reported to the listener. */
export type RpcTrace =
  | { readonly kind: 'call'; readonly dcId: number; readonly method: string }
  | { readonly kind: 'result'; readonly dcId: number; readonly method: string; readonly result: string }
  | { readonly kind: 'error'; readonly dcId: number; readonly method: string; readonly error: string };

/** Returns an `AuthRpc` that behaves like `rpc` and reports each call to `listener`. */
export function traceRpc(rpc: AuthRpc, listener: (trace: RpcTrace) => void): AuthRpc {
  return {
    updates$: rpc.updates$,
    ...(rpc.permAuthKeyId ? { permAuthKeyId: (dcId: number) => rpc.permAuthKeyId!(dcId) } : {}),
    invoke(dcId, request) {
      const method = request._;
      listener({ kind: 'call', dcId, method });
      return rpc.invoke(dcId, request).pipe(
        tap({
          next: (result) => listener({ kind: 'result', dcId, method, result: describeResult(result) }),
          error: (error: unknown) =>
            listener({
              kind: 'error',
              dcId,
              method,
              error:
                error instanceof RpcError
                  ? `${error.code} ${error.text}`
                  : String((error as Error)?.name ?? error),
            }),
        }),
      );
    },
  };
}

function describeResult(result: unknown): string {
  if (typeof result === 'boolean') return result ? 'boolTrue' : 'boolFalse';
  if (Array.isArray(result)) return `vector(${result.length})`;
  if (result && typeof result === 'object' && '_' in result) return String((result as { _: unknown })._);
  return typeof result;
}

/** Formats a trace line for the terminal. */
export function formatTrace(trace: RpcTrace): string {
  switch (trace.kind) {
    case 'call':
      return `    -> ${trace.method} @dc${trace.dcId}`;
    case 'result':
      return `    <- ${trace.result}`;
    case 'error':
      return `    <- rpc_error ${trace.error}`;
  }
}
