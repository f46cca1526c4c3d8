/**
 * QR-code login (core.telegram.org/api/qr-login) as a statechart: exportLoginToken, show the `tg://login` link
 * until the token expires (then export again: the deadline comes from the server's `expires`, not
 * a fixed period), export again on `updateLoginToken`, and follow `auth.loginTokenMigrateTo` with
 * importLoginToken on the user's DC. AUTH_TOKEN_EXPIRED during the migration (a slow key exchange
 * on the target DC) starts over with a fresh token instead of failing. Ends `authorized` or
 * `passwordNeeded` on the DC where the login happened, like the phone flow.
 *
 * An update stream that fails (a host `AuthRpc` whose `updates$` errors) does not end the flow: the
 * user who scans the code expects the login to go through all the same. Without `updateLoginToken`
 * the machine polls instead: while the code is shown it exports again every few seconds (an accepted
 * token answers success or migrate-to; otherwise a fresh code is drawn, and the one just scanned
 * stays valid on the server until its own expiry).
 *
 * Its descriptions live in qr-login/descriptions.ts, out of the runtime bundle (issue 11).
 */
import { NEVER } from 'rxjs';
import { assign, fromEventObservable, fromPromise, setup } from 'xstate';
import type { TlConstructorOf } from '../../tl/index.js';
import { engineError, isRpcError, toAuthError, type AuthError, errorOf, notProvided, outputOf } from '../flow-kit/index.js';
import type { Secret } from '../core/index.js';

/** What an export or import answered, reduced by the actor: the token bytes never reach the machine. */
export type QrTokenResult =
  | { kind: 'token'; link: string; expiresAt: number; expiresInMs: number }
  | { kind: 'migrate'; dcId: number; token: Secret }
  | { kind: 'authorized'; authorization: TlConstructorOf<'auth.authorization'> };

export interface QrLoginInput {
  /** The DC to export on (the engine's home DC). */
  dcId: number;
  /** Users already logged in on this device (`except_ids`). */
  exceptIds?: readonly bigint[];
}

export type QrLoginOutput =
  | { kind: 'authorized'; dcId: number; authorization: TlConstructorOf<'auth.authorization'> }
  | { kind: 'passwordNeeded'; dcId: number };

export interface QrLoginContext {
  dcId: number;
  exceptIds: readonly bigint[];
  /** The link to show, its server expiry (Unix seconds) and the delay until it (client clock). */
  link?: string | undefined;
  expiresAt?: number | undefined;
  expiresInMs: number;
  /** The DC a `loginTokenMigrateTo` sent us to, and its one-use token (sealed). */
  migrateDcId?: number | undefined;
  migrateToken?: Secret | undefined;
  migrations: number;
  /** The update stream failed: acceptance is noticed by polling (exporting again). */
  updatesLost: boolean;
  authorization?: TlConstructorOf<'auth.authorization'> | undefined;
  error?: AuthError | undefined;
}

/** Facts from the world: the server accepted the token (an `updateLoginToken` arrived). */
export type QrLoginEvent = { type: 'loginToken.updated' };

/** A server that keeps redirecting is cut off after this many migrations (core.telegram.org/api/datacenter). */
const MAX_QR_MIGRATIONS = 3;

/** Without the update stream, how often the shown code is exported again to notice an acceptance. */
export const QR_POLL_WITHOUT_UPDATES_MS = 5_000;

export const qrLoginActorStubs = {
  exportLoginToken: fromPromise<QrTokenResult, { dcId: number; exceptIds: readonly bigint[] }>(notProvided('exportLoginToken')),
  importLoginToken: fromPromise<QrTokenResult, { dcId: number; token: Secret }>(notProvided('importLoginToken')),
  /** Stub: hears nothing (the real one filters `AuthRpc.updates$`). */
  watchLoginToken: fromEventObservable<QrLoginEvent, void>(() => NEVER),
};

export type QrLoginActors = typeof qrLoginActorStubs;

const result = (event: unknown): QrTokenResult => outputOf<QrTokenResult>(event);

export const qrLoginSetup = setup({
  types: {
    context: {} as QrLoginContext,
    events: {} as QrLoginEvent,
    input: {} as QrLoginInput,
    output: {} as QrLoginOutput,
    tags: {} as 'waitQrConfirmation' | 'busy',
  },
  actors: qrLoginActorStubs,
  guards: {
    isToken: ({ event }) => result(event).kind === 'token',
    isMigrate: ({ context, event }) => result(event).kind === 'migrate' && context.migrations < MAX_QR_MIGRATIONS,
    isAuthorized: ({ event }) => result(event).kind === 'authorized',
    isPasswordNeeded: ({ event }) => isRpcError(errorOf(event), 'SESSION_PASSWORD_NEEDED'),
    isTokenExpired: ({ event }) => isRpcError(errorOf(event), 'AUTH_TOKEN_EXPIRED'),
    isUpdatesLost: ({ context }) => context.updatesLost,
  },
  delays: {
    /** Until the shown token expires; computed from the server's `expires` when it arrived. */
    qrTokenExpiry: ({ context }) => context.expiresInMs,
    qrPoll: QR_POLL_WITHOUT_UPDATES_MS,
  },
  actions: {
    storeToken: assign(({ event }) => {
      const r = result(event);
      return r.kind === 'token' ? { link: r.link, expiresAt: r.expiresAt, expiresInMs: r.expiresInMs, error: undefined } : {};
    }),
    storeMigration: assign(({ context, event }) => {
      const r = result(event);
      return r.kind === 'migrate' ? { migrateDcId: r.dcId, migrateToken: r.token, migrations: context.migrations + 1 } : {};
    }),
    storeAuthorization: assign(({ context, event }) => {
      const r = result(event);
      return r.kind === 'authorized' ? { authorization: r.authorization, dcId: context.migrateDcId ?? context.dcId } : {};
    }),
    /** The migration is over (imported, failed or expired): the original DC exports again. */
    forgetMigration: assign(({ context }) => {
      context.migrateToken?.wipe();
      return { migrateToken: undefined };
    }),
    forgetLink: assign({ link: undefined, expiresAt: undefined }),
    /** Every export starts clean: an abandoned import's DC must not become the DC of a later success. */
    forgetMigrateDc: assign({ migrateDcId: undefined }),
    moveToMigrateDc: assign(({ context }) => ({ dcId: context.migrateDcId ?? context.dcId })),
    storeError: assign(({ event }) => ({ error: toAuthError(errorOf(event)) })),
    markUpdatesLost: assign({ updatesLost: true }),
    storeUnexpected: assign({ error: engineError('QR_LOGIN_UNEXPECTED', 'The server kept redirecting the QR login', false) }),
  },
});

/** The QR login machine. Provide its actors with `createQrLoginActors(deps)`. */
export const qrLoginMachine = qrLoginSetup.createMachine({
  id: 'qrLogin',
  context: ({ input }) => ({ dcId: input.dcId, exceptIds: input.exceptIds ?? [], expiresInMs: 0, migrations: 0, updatesLost: false }),
  invoke: {
    id: 'watchLoginToken',
    src: 'watchLoginToken',
    onError: { actions: 'markUpdatesLost' },
  },
  initial: 'exporting',
  states: {
    exporting: {
      tags: ['waitQrConfirmation', 'busy'],
      entry: 'forgetMigrateDc',
      invoke: {
        id: 'exportLoginToken',
        src: 'exportLoginToken',
        input: ({ context }) => ({ dcId: context.dcId, exceptIds: context.exceptIds }),
        onDone: [
          { guard: 'isToken', target: 'waitingScan', actions: 'storeToken' },
          { guard: 'isMigrate', target: 'importing', actions: ['forgetLink', 'storeMigration'] },
          { guard: 'isAuthorized', target: 'authorized', actions: 'storeAuthorization' },
          { target: 'failed', actions: 'storeUnexpected' },
        ],
        onError: [
          { guard: 'isPasswordNeeded', target: 'passwordNeeded' },
          { target: 'failed', actions: ['forgetLink', 'storeError'] },
        ],
      },
    },
    waitingScan: {
      tags: ['waitQrConfirmation'],
      after: {
        qrTokenExpiry: { target: 'exporting' },
        qrPoll: { guard: 'isUpdatesLost', target: 'exporting' },
      },
      on: {
        'loginToken.updated': { target: 'exporting' },
      },
    },
    importing: {
      tags: ['waitQrConfirmation', 'busy'],
      exit: 'forgetMigration',
      invoke: {
        id: 'importLoginToken',
        src: 'importLoginToken',
        input: ({ context }) => ({ dcId: context.migrateDcId ?? context.dcId, token: context.migrateToken! }),
        onDone: [
          { guard: 'isAuthorized', target: 'authorized', actions: 'storeAuthorization' },
          { guard: 'isMigrate', target: 'importing', reenter: true, actions: 'storeMigration' },
          { guard: 'isToken', target: 'waitingScan', actions: ['moveToMigrateDc', 'storeToken'] },
          { target: 'failed', actions: 'storeUnexpected' },
        ],
        onError: [
          { guard: 'isPasswordNeeded', target: 'passwordNeeded', actions: 'moveToMigrateDc' },
          { guard: 'isTokenExpired', target: 'exporting' },
          { target: 'failed', actions: 'storeError' },
        ],
      },
    },
    failed: {
      tags: ['waitQrConfirmation'],
      on: { 'loginToken.updated': 'exporting' },
    },
    authorized: { type: 'final' },
    passwordNeeded: { type: 'final' },
  },
  output: ({ context }) =>
    context.authorization
      ? { kind: 'authorized', dcId: context.dcId, authorization: context.authorization }
      : { kind: 'passwordNeeded', dcId: context.dcId },
});
