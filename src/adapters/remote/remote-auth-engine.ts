/**
 * `remoteAuthEngine`: a flow of the login service (tgauth/service) seen through the same surface as
 * a local engine — `state$` (current view first), `getSnapshot`, `subscribe`, `send`,
 * `on('command.rejected')`, `stop` — so the React, Vue, Svelte and Rx adapters drive a login that
 * runs on a server exactly as they drive one in the page. Browser-safe: fetch, streams and timers
 * only. Views arrive as Server-Sent Events read from a fetch body (so the capability token goes in a
 * header, not the URL), resumed with Last-Event-ID after a drop; each command is POSTed with its own
 * idempotency id and retried with the same id, so a flaky network never applies it twice.
 */
import { BehaviorSubject, distinctUntilChanged, type Observable, type Observer } from 'rxjs';
import { TgauthError } from '../../crypto/index.js';
import type { AuthCommand, AuthView, CommandRejected, Unsubscribe } from '../../machines/index.js';
import { commandToJson } from './command-json.js';
import { readServerSentEvents } from './server-sent-events.js';

/** A remote flow failed for good (unknown flow, credential refused). */
export class RemoteEngineError extends TgauthError {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface RemoteAuthEngineOptions {
  /** fetch to use (default the global one). */
  fetch?: typeof fetch;
  /** Delay before the first reconnect of the view stream; doubled per failure up to 8x. Default 500 ms. */
  retryMs?: number;
  /** Attempts per command before it is given up (network errors, 5xx, 202 pending). Default 8. */
  commandAttempts?: number;
}

/** What `remoteAuthEngine` returns: the local engine's UI surface. */
export interface RemoteAuthEngine {
  readonly state$: Observable<AuthView>;
  getSnapshot(): AuthView;
  subscribe(observer: Partial<Observer<AuthView>> | ((view: AuthView) => void)): Unsubscribe;
  /** POSTs the command (retried under one idempotency id); resolves when the service answered. */
  send(command: AuthCommand): Promise<void>;
  on(type: 'command.rejected', listener: (event: CommandRejected) => void): { unsubscribe(): void };
  /** Closes the view stream (the flow itself stays on the service). */
  stop(): void;
}

const INITIAL: AuthView = { status: 'initializing', busy: true };

function idempotencyId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Mirrors flow `flowId` of the service at `url` (its base, e.g. `https://login.example`) with the flow's token. */
export function remoteAuthEngine(url: string, flowId: string, token: string, options: RemoteAuthEngineOptions = {}): RemoteAuthEngine {
  const base = `${url.replace(/\/+$/, '')}/v1/flows/${encodeURIComponent(flowId)}`;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const retryMs = options.retryMs ?? 500;
  const view$ = new BehaviorSubject<AuthView>(INITIAL);
  const state$ = view$.pipe(distinctUntilChanged());
  const rejected = new Set<(event: CommandRejected) => void>();
  const abort = new AbortController();
  let version = -1;
  let stopped = false;
  // The service's latest view; while a command is in flight it is shown busy, as a local engine
  // marks itself busy the moment it takes a command.
  let serverView: AuthView = INITIAL;
  let inFlight = 0;
  const render = (): void => {
    if (!stopped) view$.next(inFlight > 0 && !serverView.busy ? { ...serverView, busy: true } : serverView);
  };
  const show = (v: number, view: AuthView): void => {
    if (stopped || v <= version) return;
    version = v;
    serverView = view;
    render();
  };
  const fail = (error: RemoteEngineError): void => {
    if (stopped) return;
    stopped = true;
    abort.abort();
    view$.error(error);
  };
  const errorOf = async (response: Response): Promise<RemoteEngineError> => {
    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    return new RemoteEngineError(response.status, body.error?.code ?? 'http', body.error?.message ?? `HTTP ${response.status}`);
  };

  // The view stream: reconnects with Last-Event-ID until stopped; 401/403/404 end the engine.
  void (async () => {
    let failures = 0;
    while (!stopped) {
      try {
        const response = await doFetch(`${base}/events`, {
          headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', ...(version >= 0 ? { 'last-event-id': String(version) } : {}) },
          signal: abort.signal,
        });
        if ([401, 403, 404].includes(response.status)) return fail(await errorOf(response));
        if (!response.ok || !response.body) throw new RemoteEngineError(response.status, 'http', `HTTP ${response.status}`);
        for await (const event of readServerSentEvents(response.body)) {
          failures = 0;
          if (event.event === 'gone') return fail(new RemoteEngineError(404, 'flow.unknown', 'the flow was deleted'));
          if (event.event === 'view' && event.id !== undefined) show(Number(event.id), JSON.parse(event.data) as AuthView);
        }
      } catch {
        if (stopped) return;
      }
      await sleep(retryMs * 2 ** Math.min(3, failures++));
    }
  })();

  const send = async (command: AuthCommand): Promise<void> => {
    const id = idempotencyId();
    const body = `{"id":${JSON.stringify(id)},"command":${commandToJson(command)}}`;
    inFlight++;
    render();
    try {
      await post(body, command);
    } finally {
      inFlight--;
      render();
    }
  };

  const post = async (body: string, command: AuthCommand): Promise<void> => {
    const attempts = options.commandAttempts ?? 8;
    for (let attempt = 0; attempt < attempts && !stopped; attempt++) {
      let response: Response;
      try {
        response = await doFetch(`${base}/commands`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body,
          signal: abort.signal,
        });
      } catch {
        await sleep(retryMs * 2 ** Math.min(3, attempt));
        continue;
      }
      if (response.status === 202 || response.status >= 500) {
        await sleep(retryMs * 2 ** Math.min(3, attempt));
        continue;
      }
      const json = (await response.json().catch(() => ({}))) as { version?: number; view?: AuthView };
      if (json.view && typeof json.version === 'number') show(json.version, json.view);
      if (response.status === 409) rejected.forEach((l) => l({ type: 'command.rejected', command: command.type }));
      else if (!response.ok) throw await errorOf(response);
      return;
    }
  };

  const engine: RemoteAuthEngine & { [key: string]: unknown } = {
    state$,
    getSnapshot: () => view$.value,
    subscribe(observer) {
      const subscription = typeof observer === 'function' ? state$.subscribe(observer) : state$.subscribe(observer);
      return Object.assign(() => subscription.unsubscribe(), { unsubscribe: () => subscription.unsubscribe() });
    },
    send,
    on(_type, listener) {
      rejected.add(listener);
      return { unsubscribe: () => void rejected.delete(listener) };
    },
    stop() {
      if (stopped) return;
      stopped = true;
      abort.abort();
      view$.complete();
    },
  };
  // rxjs `from()` and other interop consumers look for Symbol.observable, else '@@observable'.
  const key: symbol | string = (typeof Symbol === 'function' && Symbol.observable) || '@@observable';
  Object.defineProperty(engine, key, { value: () => ({ subscribe: (o: Partial<Observer<AuthView>>) => state$.subscribe(o) }) });
  return engine;
}
